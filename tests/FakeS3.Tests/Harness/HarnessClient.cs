using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

/// <summary>Small helpers shared by the harness tests: presign with the SDK, read S3 error codes, call the admin API.</summary>
internal static class HarnessClient
{
    public static string PresignGet(AmazonS3Client s3, string bucket, string key, TimeSpan lifetime) =>
        s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = key, Verb = HttpVerb.GET, Expires = DateTime.UtcNow.Add(lifetime), Protocol = Protocol.HTTP,
        });

    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : XDocument.Parse(text).Root?.Element("Code")?.Value;
    }

    public static async Task AdvanceThroughAdminAsync(FakeS3Host host, double seconds) =>
        (await host.HttpClient.PostAsJsonAsync("/_fakes3/clock", new { advanceSeconds = seconds })).EnsureSuccessStatusCode();

    public static async Task<JsonElement> ExplainAsync(FakeS3Host host, object body)
    {
        var response = await host.HttpClient.PostAsJsonAsync("/_fakes3/explain", body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static MultipartFormDataContent Form(IDictionary<string, string> fields, string fileName, string content)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "file", fileName);
        return form;
    }

    public static async Task PutAsync(AmazonS3Client s3, string bucket, string key, string body) =>
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = body });
}
