using FakeS3.Hosting;

if (CommandLineHelp.IsHelp(args)) { Console.Out.Write(CommandLineHelp.Text("fakes3")); return 0; }
if (CommandLineHelp.IsVersion(args)) { Console.Out.WriteLine(CommandLineHelp.Version); return 0; }

// Content root = the app's folder, so appsettings.json is found wherever FakeS3 is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseFakeS3Defaults(builder.Configuration);
builder.Services.AddFakeS3(builder.Configuration);

var app = builder.Build();
app.MapFakeS3();
app.Run();
return 0;

public partial class Program;
