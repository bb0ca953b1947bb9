using FakeS3.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseFakeS3Defaults(builder.Configuration);
builder.Services.AddFakeS3(builder.Configuration);

var app = builder.Build();
app.MapFakeS3();
app.Run();

public partial class Program;
