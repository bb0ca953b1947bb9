using System.Net;
using PostObjectErrorTests = FakeS3.Tests.Http.PostObjectErrorTests;

namespace FakeS3.Tests.Adversarial;

/// <summary>
/// A browser form can put CR/LF or any Unicode in a field, and odd characters in a field name, which a PUT's headers
/// cannot carry. Fields that come back as response headers must never store an object that every later GET answers
/// with a 500 or with changed bytes.
/// </summary>
public sealed class PostFormHeaderFieldTests
{
    [Theory]
    [InlineData("Content-Type", "text/plain\r\nX-Injected: 1")]
    [InlineData("Cache-Control", "no-cache\nX-Injected: 1")]
    [InlineData("Content-Encoding", "gzip\r\n")]
    [InlineData("x-amz-website-redirect-location", "/a\r\nX-Injected: 1")]
    [InlineData("Content-Type", "text/€")] // came back as "text/?"
    [InlineData("Content-Disposition", "attachment; filename=\"中.txt\"")]
    [InlineData("x-amz-meta-a b", "v")]
    [InlineData("x-amz-meta-a:b", "v")]
    public async Task FieldThatCannotBeAHeader_400InvalidArgument_NothingStored(string name, string value)
    {
        await using var s3 = await PostObjectErrorTests.StartAsync();
        var fields = PostObjectErrorTests.Fields(PostObjectErrorTests.Policy($"[\"starts-with\", \"${name}\", \"\"]"));
        fields.Add((name, value));
        var body = await PostObjectErrorTests.PostAsync(s3, PostObjectErrorTests.Form(fields, ("file", "data"u8.ToArray())), HttpStatusCode.BadRequest);
        Assert.Contains("<Code>InvalidArgument</Code>", body);
        Assert.Contains($"<ArgumentName>{name}</ArgumentName>", body);
        await PostObjectErrorTests.AssertNothingStored(s3);
    }

    [Fact]
    public async Task NonAsciiMetadata_StoredAndReadBack()
    {
        await using var s3 = await PostObjectErrorTests.StartAsync();
        var fields = PostObjectErrorTests.Fields(PostObjectErrorTests.Policy("[\"starts-with\", \"$x-amz-meta-a\", \"\"]"));
        fields.Add(("x-amz-meta-a", "café"));
        await PostObjectErrorTests.PostAsync(s3, PostObjectErrorTests.Form(fields, ("file", "data"u8.ToArray())), HttpStatusCode.NoContent);
        using var client = s3.CreateS3Client();
        var head = await client.GetObjectMetadataAsync(PostObjectErrorTests.Bucket, "uploads/f.txt");
        Assert.Equal("=?UTF-8?B?Y2Fmw6k=?=", head.Metadata["x-amz-meta-a"]);
    }

    [Fact]
    public async Task RedirectWithLineBreak_IgnoredLikeAnyUninterpretableUrl_204()
    {
        await using var s3 = await PostObjectErrorTests.StartAsync();
        var fields = PostObjectErrorTests.Fields(PostObjectErrorTests.Policy("[\"starts-with\", \"$success_action_redirect\", \"\"]"));
        fields.Add(("success_action_redirect", "http://app.test/done\r\nSet-Cookie: a=b"));
        await PostObjectErrorTests.PostAsync(s3, PostObjectErrorTests.Form(fields, ("file", "data"u8.ToArray())), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task RedirectWithNonAscii_LocationPercentEncodesIt()
    {
        await using var s3 = await PostObjectErrorTests.StartAsync();
        var fields = PostObjectErrorTests.Fields(PostObjectErrorTests.Policy("[\"starts-with\", \"$success_action_redirect\", \"\"]"));
        fields.Add(("success_action_redirect", "http://app.test/中?q=é"));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = s3.BaseAddress };
        using var response = await http.PostAsync("/" + PostObjectErrorTests.Bucket, PostObjectErrorTests.Form(fields, ("file", "data"u8.ToArray())));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("http://app.test/%E4%B8%AD?q=%C3%A9&bucket=post-errors&key=uploads%2Ff.txt&etag=", response.Headers.Location!.OriginalString);
    }
}
