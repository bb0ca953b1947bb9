using System.Buffers;

// Bare Kestrel, the ceiling FakeS3 is measured against (load/compare.sh): no routing, no auth, no storage.
// GET/HEAD of any path answer a fixed 4 KiB body, or 64 MiB from memory for paths with "/large-get/" in them
// (the runner's large-get keys: the reference for FakeS3's 64 MiB GET); PUT and POST read the whole body and
// discard it.

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
var large = new byte[64 * 1024 * 1024];
new Random(64).NextBytes(large);


app.Run(async context =>
{
    var request = context.Request;
    var response = context.Response;
    if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
    {
        var bytes = request.Path.Value?.Contains("/large-get/", StringComparison.Ordinal) == true ? large : body;
        response.ContentType = "application/octet-stream";
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsGet(request.Method)) await response.Body.WriteAsync(bytes);
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

