using FakeS3.Errors;
using FakeS3.Form;
using FakeS3.Policy;
using static FakeS3.Tests.Policy.PolicyTestData;

namespace FakeS3.Tests.Policy;

/// <summary>Garbage never escapes as anything but an S3 error (a 500 would be a bug).</summary>
public class PolicyGarbageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("e30")] // "{}" unpadded
    [InlineData("/w==")] // invalid UTF-8
    public void Parse_GarbageBase64_IsInvalidPolicyDocument(string base64) =>
        Assert.Equal(S3ErrorCode.InvalidPolicyDocument, Throws(() => PostPolicyDocument.Parse(base64)).Code);

    [Theory]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [["eq", "$key", "\ud800"]]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"\ud800": "x"}]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}""")]
    [InlineData("""{"expiration": 5, "conditions": [1]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": ["x"]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", 1, 99999999999999999999]]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [[5, "$key", "a"]]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [["eq", "$key", "a\q"]]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [["eq", "$key", "a\"]]}""")]
    public void Parse_GarbageJson_IsInvalidPolicyDocument(string json) =>
        Assert.Equal(S3ErrorCode.InvalidPolicyDocument, Throws(() => PostPolicyDocument.Parse(B64(json))).Code);

    [Fact]
    public async Task Read_RandomBytes_IsAlwaysAnS3Error()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var prefix = System.Text.Encoding.ASCII.GetBytes(i % 2 == 0 ? "--XyZ\r\n" : "");
            var body = new MemoryStream([.. prefix, .. bytes]);
            try
            {
                var upload = await MultipartFormReader.ReadAsync("multipart/form-data; boundary=XyZ", body);
                await upload.FileBody.CopyToAsync(Stream.Null);
                await upload.EnsureSingleFileAsync();
            }
            catch (S3Exception)
            {
            }
        }
    }
}
