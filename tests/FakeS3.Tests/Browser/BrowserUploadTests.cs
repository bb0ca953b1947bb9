using System.Net;
using System.Text;
using System.Web;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Browser;

/// <summary>
/// A real headless Chromium on another origin: an HTML form upload with a presigned POST that follows
/// success_action_redirect, and fetch() PUT/GET through presigned URLs that pass — or fail — CORS.
/// </summary>
public sealed class BrowserUploadTests
{
    const string Bucket = "web-uploads";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    static async Task<TestFakeS3> StartFakeS3Async(string allowedOrigin) =>
        await TestFakeS3.StartAsync(settings: new Dictionary<string, string?>
        {
            ["FakeS3:Buckets:0"] = Bucket,
            ["FakeS3:Cors:web-uploads:0:AllowedOrigins:0"] = allowedOrigin,
            ["FakeS3:Cors:web-uploads:0:AllowedMethods:0"] = "GET",
            ["FakeS3:Cors:web-uploads:0:AllowedMethods:1"] = "PUT",
            ["FakeS3:Cors:web-uploads:0:AllowedMethods:2"] = "POST",
            ["FakeS3:Cors:web-uploads:0:AllowedHeaders:0"] = "*",
            ["FakeS3:Cors:web-uploads:0:ExposeHeaders:0"] = "ETag",
        });

    [Fact]
    public async Task HtmlForm_PresignedPost_UploadsAndFollowsSuccessActionRedirect()
    {
        await using var pages = await PageServer.StartAsync();
        await using var s3 = await StartFakeS3Async(pages.Origin);
        using var client = s3.CreateS3Client();
        var redirect = pages.ReportUrl("form-done");
        var post = await client.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = Bucket,
            Key = "browser/${filename}",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Fields = { ["success_action_redirect"] = redirect },
            Conditions = [new StartsWithCondition("key", "browser/"), new ExactMatchCondition("success_action_redirect", redirect)],
        });
        var inputs = new StringBuilder();
        foreach (var (name, value) in post.Fields)
            inputs.Append($"<input type=\"hidden\" name=\"{HttpUtility.HtmlAttributeEncode(name)}\" value=\"{HttpUtility.HtmlAttributeEncode(value)}\">");
        // The file input is filled from JS (a DataTransfer), then the form is submitted like a user would.
        pages.AddPage("form", $$"""
            <html><body>
            <form id="f" action="{{post.Url}}" method="post" enctype="multipart/form-data">
              {{inputs}}
              <input id="file" type="file" name="file">
            </form>
            <script>
              const dt = new DataTransfer();
              dt.items.add(new File(["uploaded from a browser form"], "hello.txt", { type: "text/plain" }));
              document.getElementById("file").files = dt.files;
              document.getElementById("f").submit();
            </script>
            </body></html>
            """);
        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.OpenAsync(pages.PageUrl("form"));
        var query = HttpUtility.ParseQueryString(await pages.WaitForReportAsync("form-done", Timeout));
        Assert.Equal(Bucket, query["bucket"]);
        Assert.Equal("browser/hello.txt", query["key"]);
        using var get = await client.GetObjectAsync(Bucket, "browser/hello.txt");
        Assert.Equal("uploaded from a browser form", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        Assert.Equal(get.ETag, query["etag"]);
    }

    static string FetchPage(string putUrl, string getUrl, string report) => $$"""
        <html><body><script>
          (async () => {
            try {
              const put = await fetch("{{putUrl}}", { method: "PUT", body: "from fetch", headers: { "Content-Type": "text/plain" } });
              const etag = put.headers.get("ETag");
              const get = await fetch("{{getUrl}}");
              const text = await get.text();
              location.href = "{{report}}?put=" + put.status + "&etag=" + encodeURIComponent(etag) + "&get=" + get.status + "&text=" + encodeURIComponent(text);
            } catch (e) {
              location.href = "{{report}}?error=" + encodeURIComponent(e.name);
            }
          })();
        </script></body></html>
        """;

    static async Task<(string Put, string Get)> PresignAsync(AmazonS3Client client, string key)
    {
        var put = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = Bucket, Key = key, Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        var get = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = Bucket, Key = key, Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        return (put, get);
    }

    [Fact]
    public async Task Fetch_PresignedPutAndGet_FromAllowedOrigin_PassesCors()
    {
        await using var pages = await PageServer.StartAsync();
        await using var s3 = await StartFakeS3Async(pages.Origin);
        using var client = s3.CreateS3Client();
        var (put, get) = await PresignAsync(client, "fetched.txt");
        pages.AddPage("fetch", FetchPage(put, get, pages.ReportUrl("fetch")));
        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.OpenAsync(pages.PageUrl("fetch"));
        var query = HttpUtility.ParseQueryString(await pages.WaitForReportAsync("fetch", Timeout));
        Assert.Null(query["error"]);
        Assert.Equal("200", query["put"]);
        // ETag is readable from JS only because the rule exposes it.
        Assert.Equal("\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("from fetch"u8)) + "\"", query["etag"]);
        Assert.Equal("200", query["get"]);
        Assert.Equal("from fetch", query["text"]);
    }

    [Fact]
    public async Task Fetch_PresignedPut_FromOriginNotInRules_IsRefusedAndNothingStored()
    {
        await using var pages = await PageServer.StartAsync();
        await using var s3 = await StartFakeS3Async("http://allowed.example");
        using var client = s3.CreateS3Client();
        var (put, get) = await PresignAsync(client, "refused.txt");
        pages.AddPage("fetch", FetchPage(put, get, pages.ReportUrl("fetch")));
        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.OpenAsync(pages.PageUrl("fetch"));
        var query = HttpUtility.ParseQueryString(await pages.WaitForReportAsync("fetch", Timeout));
        Assert.Equal("TypeError", query["error"]);
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync(Bucket, "refused.txt"));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Fetch_ErrorAnswers_404And403_CarryCorsHeaders_SoPageCodeCanReadThem()
    {
        await using var pages = await PageServer.StartAsync();
        await using var s3 = await StartFakeS3Async(pages.Origin);
        using var client = s3.CreateS3Client();
        var (_, missing) = await PresignAsync(client, "missing.txt");
        var forged = missing.Replace("X-Amz-Signature=", "X-Amz-Signature=0", StringComparison.Ordinal)[..^1];
        pages.AddPage("errors", $$"""
            <html><body><script>
              (async () => {
                try {
                  const a = await fetch("{{missing}}");
                  const at = await a.text();
                  const b = await fetch("{{forged}}");
                  const bt = await b.text();
                  location.href = "{{pages.ReportUrl("errors")}}?a=" + a.status + "&acode=" + encodeURIComponent(at.match(/<Code>(.*?)<\/Code>/)[1])
                    + "&b=" + b.status + "&bcode=" + encodeURIComponent(bt.match(/<Code>(.*?)<\/Code>/)[1]);
                } catch (e) {
                  location.href = "{{pages.ReportUrl("errors")}}?error=" + encodeURIComponent(e.name);
                }
              })();
            </script></body></html>
            """);
        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.OpenAsync(pages.PageUrl("errors"));
        var query = HttpUtility.ParseQueryString(await pages.WaitForReportAsync("errors", Timeout));
        Assert.Null(query["error"]);
        Assert.Equal("404", query["a"]);
        Assert.Equal("NoSuchKey", query["acode"]);
        Assert.Equal("403", query["b"]);
        Assert.Equal("SignatureDoesNotMatch", query["bcode"]);
    }
}
