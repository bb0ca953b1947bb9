using System.Buffers;

// Bare Kestrel, the ceiling FakeS3 is measured against (load/compare.sh): no routing, no auth, no storage.
// GET/HEAD of any path answer a fixed 4 KiB body; PUT and POST read the whole body and discard it.

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Limits.MaxRequestBodySize = 5L * 1024 * 1024 * 1024;
});
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://127.0.0.1:4569");

var app = builder.Build();
var body = new byte[4096];
new Random(4096).NextBytes(body);


app.Run(async context =>
{
    var request = context.Request;
    var response = context.Response;
    if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
    {
        response.ContentType = "application/octet-stream";
        response.ContentLength = body.Length;
        if (HttpMethods.IsGet(request.Method)) await response.Body.WriteAsync(body);
        return;
    }
    var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    try
    {
        while (await request.Body.ReadAsync(buffer) > 0)
        {
        }
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
    response.StatusCode = HttpMethods.IsPost(request.Method) ? StatusCodes.Status204NoContent : StatusCodes.Status200OK;
});

app.Run();

