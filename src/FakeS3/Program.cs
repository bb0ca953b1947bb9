using FakeS3.Hosting;

// Content root = the app's folder, so appsettings.json is found wherever FakeS3 is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseFakeS3Defaults(builder.Configuration);
builder.Services.AddFakeS3(builder.Configuration);

var app = builder.Build();
app.MapFakeS3();
app.Run();

public partial class Program;
