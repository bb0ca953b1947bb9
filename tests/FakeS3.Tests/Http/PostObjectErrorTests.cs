using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// POST Object rejections of spec §3.6 at the HTTP edge: status, code, message and that nothing was stored.
/// Policies are signed here with plain HMAC-SHA256 per the AWS POST example (a client-side signer, so arbitrary
/// and deliberately broken policies can be signed); the happy path is covered with AWSSDK's signer elsewhere.
/// </summary>
public sealed class PostObjectErrorTests
{
    internal const string Bucket = "post-errors";

    static string Sign(string policyBase64, string date)
    {
        static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + TestFakeS3.SecretKey), date), "us-east-1"), "s3"), "aws4_request");
        return Convert.ToHexStringLower(Hmac(key, policyBase64));
    }

    internal static List<(string Name, string Value)> Fields(string policyJson, string key = "uploads/f.txt", bool base64 = true)
    {
        var date = DateTime.UtcNow.ToString("yyyyMMdd");
        var policy = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(policyJson)) : policyJson;
        return
        [
            ("key", key), ("x-amz-algorithm", "AWS4-HMAC-SHA256"),
            ("x-amz-credential", $"{TestFakeS3.AccessKey}/{date}/us-east-1/s3/aws4_request"),
            ("x-amz-date", date + "T000000Z"), ("policy", policy), ("x-amz-signature", Sign(policy, date)),
        ];
    }

    internal static string Policy(params string[] conditions)
    {
        var expiration = DateTime.UtcNow.AddMinutes(10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var date = DateTime.UtcNow.ToString("yyyyMMdd");
        var all = new List<string>(conditions)
        {
            $"{{\"bucket\": \"{Bucket}\"}}", "[\"starts-with\", \"$key\", \"uploads/\"]",
            "{\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}",
            $"{{\"x-amz-credential\": \"{TestFakeS3.AccessKey}/{date}/us-east-1/s3/aws4_request\"}}",
            $"{{\"x-amz-date\": \"{date}T000000Z\"}}",
        };
        return $"{{\"expiration\": \"{expiration}\", \"conditions\": [{string.Join(", ", all)}]}}";
    }

    internal static MultipartFormDataContent Form(IEnumerable<(string Name, string Value)> fields, params (string Name, byte[] Data)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        foreach (var (name, data) in files) form.Add(new ByteArrayContent(data), name, "f.txt");
        return form;
    }

    internal static async Task<string> PostAsync(TestFakeS3 s3, HttpContent content, HttpStatusCode expected)
    {
        using var http = s3.CreateHttpClient();
        using var response = await http.PostAsync("/" + Bucket, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        return body;
    }

    internal static async Task<TestFakeS3> StartAsync()
    {
        var s3 = await TestFakeS3.StartAsync(settings: new Dictionary<string, string?> { ["FakeS3:Buckets:0"] = Bucket });
        return s3;
    }

    internal static async Task AssertNothingStored(TestFakeS3 s3)
    {
        using var client = s3.CreateS3Client();
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
        Assert.Empty(list.S3Objects ?? []);
    }

    [Fact]
    public async Task FileOverContentLengthRange_400EntityTooLarge_WithSizes_NothingStored()
    {
        await using var s3 = await StartAsync();
        var body = await PostAsync(s3, Form(Fields(Policy("[\"content-length-range\", 1, 1024]")), ("file", new byte[300_000])), HttpStatusCode.BadRequest);
        Assert.Contains("<Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message><ProposedSize>300000</ProposedSize><MaxSizeAllowed>1024</MaxSizeAllowed>", body);
        await AssertNothingStored(s3);
    }

    [Fact]
    public async Task FileUnderContentLengthRange_400EntityTooSmall_NothingStored()
    {
        await using var s3 = await StartAsync();
        var body = await PostAsync(s3, Form(Fields(Policy("[\"content-length-range\", 10, 1024]")), ("file", new byte[3])), HttpStatusCode.BadRequest);
        Assert.Contains("<Code>EntityTooSmall</Code><Message>Your proposed upload is smaller than the minimum allowed size</Message><ProposedSize>3</ProposedSize><MinSizeAllowed>10</MinSizeAllowed>", body);
        await AssertNothingStored(s3);
    }

    [Fact]
    public async Task TwoFiles_400OneFileUpload_NothingStored()
    {
        await using var s3 = await StartAsync();
        var body = await PostAsync(s3, Form(Fields(Policy()), ("file", "a"u8.ToArray()), ("file", "b"u8.ToArray())), HttpStatusCode.BadRequest);
        Assert.Contains("<Code>InvalidArgument</Code><Message>POST requires exactly one file upload per request.</Message><ArgumentName>file</ArgumentName><ArgumentValue>0</ArgumentValue>", body);
        await AssertNothingStored(s3);
    }

    [Fact]
    public async Task ExtraField_403ExtraInputFields_NothingStored()
    {
        await using var s3 = await StartAsync();
        var fields = Fields(Policy());
        fields.Add(("x-amz-meta-color", "red"));
        var body = await PostAsync(s3, Form(fields, ("file", "x"u8.ToArray())), HttpStatusCode.Forbidden);
        Assert.Contains("<Message>Invalid according to Policy: Extra input fields: x-amz-meta-color</Message>", body);
        await AssertNothingStored(s3);
    }

    [Theory]
    [InlineData("not base64 at all!", false, "Invalid Policy: invalid Base64 encoding.")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [", true, "Invalid Policy: Invalid JSON.")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [[\"starts-with\", \"$key\"]]}", true, "Invalid Policy: Invalid starts-with: wrong number of arguments.")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [{\"a\": \"1\", \"b\": \"2\"}]}", true, "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.")]
    public async Task BadPolicyDocument_400InvalidPolicyDocument_NothingStored(string policy, bool base64, string message)
    {
        await using var s3 = await StartAsync();
        var body = await PostAsync(s3, Form(Fields(policy, base64: base64), ("file", "x"u8.ToArray())), HttpStatusCode.BadRequest);
        Assert.Contains($"<Code>InvalidPolicyDocument</Code><Message>{message}</Message>", body);
        await AssertNothingStored(s3);
    }

    [Fact]
    public async Task NotMultipart_412PreconditionFailed()
    {
        await using var s3 = await StartAsync();
        var body = await PostAsync(s3, new StringContent("key=a", Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.PreconditionFailed);
        Assert.Contains("<Condition>Bucket POST must be of the enclosure-type multipart/form-data</Condition>", body);
    }

    [Fact]
    public async Task MissingBoundary_400MalformedPOSTRequest()
    {
        await using var s3 = await StartAsync();
        var content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\na\r\n--x--\r\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        var body = await PostAsync(s3, content, HttpStatusCode.BadRequest);
        Assert.Contains("<Code>MalformedPOSTRequest</Code><Message>The body of your POST request is not well-formed multipart/form-data.</Message>", body);
    }

    [Fact]
    public async Task TruncatedMultipart_400MalformedPOSTRequest_NothingStored()
    {
        await using var s3 = await StartAsync();
        var full = await Form(Fields(Policy()), ("file", new byte[5000])).ReadAsByteArrayAsync();
        var boundary = Encoding.ASCII.GetString(full, 2, Array.IndexOf(full, (byte)'\r') - 2);
        var content = new ByteArrayContent(full[..(full.Length - 2000)]);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        var body = await PostAsync(s3, content, HttpStatusCode.BadRequest);
        Assert.Contains("<Code>MalformedPOSTRequest</Code>", body);
        await AssertNothingStored(s3);
    }

    [Fact]
    public async Task HugeFieldBeforeFile_400MaxPostPreDataLengthExceeded_NothingStored()
    {
        await using var s3 = await StartAsync();
        var fields = Fields(Policy());
        fields.Insert(0, ("x-ignore-padding", new string('p', 30_000)));
        var body = await PostAsync(s3, Form(fields, ("file", "x"u8.ToArray())), HttpStatusCode.BadRequest);
        Assert.Contains("<Code>MaxPostPreDataLengthExceeded</Code><Message>Your POST request fields preceeding the upload file was too large.</Message><MaxPostPreDataLengthBytes>20480</MaxPostPreDataLengthBytes>", body);
        await AssertNothingStored(s3);
    }

    [Fact]
    public async Task TamperedPolicy_403SignatureDoesNotMatch_WithStringToSign()
    {
        await using var s3 = await StartAsync();
        var fields = Fields(Policy());
        var i = fields.FindIndex(f => f.Name == "policy");
        fields[i] = ("policy", fields[i].Value[..^4] + "AAAA");
        var body = await PostAsync(s3, Form(fields, ("file", "x"u8.ToArray())), HttpStatusCode.Forbidden);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body);
        Assert.Contains($"<StringToSign>{fields[i].Value}</StringToSign>", body);
        Assert.DoesNotContain("<CanonicalRequest>", body);
        await AssertNothingStored(s3);
    }

    [Fact]
    public async Task SuccessActionStatus201_PostResponseXml()
    {
        await using var s3 = await StartAsync();
        var fields = Fields(Policy("{\"success_action_status\": \"201\"}"));
        fields.Add(("success_action_status", "201"));
        var body = await PostAsync(s3, Form(fields, ("file", "hello"u8.ToArray())), HttpStatusCode.Created);
        Assert.Matches("<PostResponse><Location>http://.+/post-errors/uploads%2Ff.txt</Location><Bucket>post-errors</Bucket><Key>uploads/f.txt</Key><ETag>\"5d41402abc4b2a76b9719d911017c592\"</ETag></PostResponse>", body);
    }

    [Fact]
    public async Task AnonymousForm_PrivateBucket403_PublicReadWriteBucketStores()
    {
        await using var s3 = await TestFakeS3.StartAsync(settings: new Dictionary<string, string?>
        {
            ["FakeS3:Buckets:0"] = Bucket,
            ["FakeS3:Buckets:1"] = "open-bucket",
            ["FakeS3:BucketAcls:open-bucket"] = "public-read-write",
        });
        using var http = s3.CreateHttpClient();
        using (var refused = await http.PostAsync("/" + Bucket, Form([("key", "anon.txt")], ("file", "x"u8.ToArray()))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("<Code>AccessDenied</Code><Message>Access Denied</Message>", await refused.Content.ReadAsStringAsync());
        }
        await AssertNothingStored(s3);
        using var stored = await http.PostAsync("/open-bucket", Form([("key", "anon.txt")], ("file", "anonymous"u8.ToArray())));
        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        // the object's own ACL is private: anonymous users may write into the bucket, not read what is there
        using (var refusedRead = await http.GetAsync("/open-bucket/anon.txt")) Assert.Equal(HttpStatusCode.Forbidden, refusedRead.StatusCode);
        using var client = s3.CreateS3Client();
        using var read = await client.GetObjectAsync("open-bucket", "anon.txt");
        Assert.Equal("anonymous", await new StreamReader(read.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task BadTaggingField_400MalformedXML_NothingStored()
    {
        await using var s3 = await StartAsync();
        var fields = Fields(Policy("[\"starts-with\", \"$tagging\", \"\"]"));
        fields.Add(("tagging", "<Tagging><TagSet><Tag><Key>k</Key>"));
        var body = await PostAsync(s3, Form(fields, ("file", "x"u8.ToArray())), HttpStatusCode.BadRequest);
        Assert.Contains("<Code>MalformedXML</Code><Message>The XML you provided was not well-formed or did not validate against our published schema</Message>", body);
        await AssertNothingStored(s3);
    }

    /// <summary>
    /// A form posted to the object's URL (a common mistake) is S3's 405 MethodNotAllowed, signed or not [WIRE
    /// mhart/aws4fetch#14, Developer-Amit/react-aws-s3#28]; FakeS3 answered 501 "does not implement PostObject", which
    /// sends the user looking for a missing feature. POST / is 405 too, with Allow: GET [WIRE versitygw#1810].
    /// </summary>
    [Theory]
    [InlineData("/" + Bucket + "/uploads/f.txt", "OBJECT", null)]
    [InlineData("/", "SERVICE", "GET")]
    public async Task FormPostedToObjectOrServiceUrl_405MethodNotAllowed_NothingStored(string path, string resourceType, string? allow)
    {
        await using var s3 = await StartAsync();
        using var http = s3.CreateHttpClient();

        using var response = await http.PostAsync(path, Form(Fields(Policy()), ("file", "x"u8.ToArray())));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("<Code>MethodNotAllowed</Code><Message>The specified method is not allowed against this resource.</Message>"
            + $"<Method>POST</Method><ResourceType>{resourceType}</ResourceType>", await response.Content.ReadAsStringAsync());
        Assert.Equal(allow, response.Content.Headers.Allow.Count == 0 ? null : string.Join(", ", response.Content.Headers.Allow));
        await AssertNothingStored(s3);
    }

    [Fact]
    public async Task VirtualHostedBucketUrl_StoresInTheHostsBucket()
    {
        await using var s3 = await StartAsync();
        using var http = s3.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = Form(Fields(Policy()), ("file", "vhost"u8.ToArray())) };
        request.Headers.Host = $"{Bucket}.localhost:{s3.BaseAddress.Port}";
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal($"http://{Bucket}.localhost:{s3.BaseAddress.Port}/uploads%2Ff.txt", response.Headers.Location?.OriginalString);
        using var client = s3.CreateS3Client();
        using var get = await client.GetObjectAsync(Bucket, "uploads/f.txt");
        Assert.Equal("vhost", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }
}
