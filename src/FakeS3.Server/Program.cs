using FakeS3.Hosting;

return FakeS3Program.Run(args);

public partial class Program;
