using System.Text;
using FakeS3.Errors;
using FakeS3.Form;
using static FakeS3.Tests.Policy.PolicyTestData;

namespace FakeS3.Tests.Policy;

public class MultipartFormReaderTests
{
    const string ContentType = "multipart/form-data; boundary=XyZ";

    static string Part(string name, string value, string? fileName = null) =>
        $"--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"{(fileName is null ? "" : $"; filename=\"{fileName}\"")}\r\n\r\n{value}\r\n";

    static string FilePart(string content, string? fileName = "a.txt") =>
        $"--XyZ\r\nContent-Disposition: form-data; name=\"file\"{(fileName is null ? "" : $"; filename=\"{fileName}\"")}\r\nContent-Type: text/plain\r\n\r\n{content}\r\n";

    static Stream Body(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    static Task<PostUpload> Read(string body, string? contentType = ContentType) => MultipartFormReader.ReadAsync(contentType, Body(body));

    [Fact]
    public async Task Read_FieldsThenFile_StreamsFileAndSubstitutesFilename()
    {
        var upload = await Read(Part("Key", "mytest/${filename}") + Part("X-Amz-Date", "d") + FilePart("hello", @"C:\x\post_test1.txt") + "--XyZ--\r\n");
        Assert.Equal("mytest/post_test1.txt", upload.Form.Get("key"));
        Assert.Equal("d", upload.Form.Get("x-amz-date"));
        Assert.Equal("Key", upload.Form.Fields[0].Name);
        Assert.Equal(@"C:\x\post_test1.txt", upload.FileName);
        Assert.Equal("text/plain", upload.FileContentType);
        Assert.Equal("hello", await new StreamReader(upload.FileBody).ReadToEndAsync());
        await upload.EnsureSingleFileAsync();
    }

    [Fact]
    public async Task Read_FileWithoutFilenameParameter_KeepsVariableLiterally()
    {
        var upload = await Read(Part("key", "k/${filename}") + FilePart("x", fileName: null) + "--XyZ--\r\n");
        Assert.Null(upload.FileName);
        Assert.Equal("k/${filename}", upload.Form.Get("key"));
    }

    [Fact]
    public async Task Read_FieldsAfterFile_AreIgnored()
    {
        var upload = await Read(Part("key", "k") + FilePart("x") + Part("extra", "after") + "--XyZ--\r\n");
        Assert.Null(upload.Form.Get("extra"));
        await upload.FileBody.CopyToAsync(Stream.Null);
        await upload.EnsureSingleFileAsync();
    }

    [Fact]
    public async Task Read_TwoFileParts_IsExactlyOneFileError()
    {
        var upload = await Read(Part("key", "k") + FilePart("x") + FilePart("y") + "--XyZ--\r\n");
        await upload.FileBody.CopyToAsync(Stream.Null);
        AssertError(await ThrowsAsync(() => upload.EnsureSingleFileAsync()), 400, S3ErrorCode.InvalidArgument,
            "POST requires exactly one file upload per request.", ("ArgumentName", "file"), ("ArgumentValue", "0"));
    }

    [Fact]
    public async Task Read_NoFilePart_IsExactlyOneFileError() =>
        AssertError(await ThrowsAsync(() => Read(Part("key", "k") + "--XyZ--\r\n")), 400, S3ErrorCode.InvalidArgument,
            "POST requires exactly one file upload per request.", ("ArgumentName", "file"), ("ArgumentValue", "0"));

    [Fact]
    public async Task Read_HugeFieldBeforeFile_IsMaxPostPreDataLengthExceeded() =>
        AssertError(await ThrowsAsync(() => Read(Part("key", new string('a', 20480)) + FilePart("x") + "--XyZ--\r\n")), 400,
            S3ErrorCode.MaxPostPreDataLengthExceeded, "Your POST request fields preceeding the upload file was too large.",
            ("MaxPostPreDataLengthBytes", "20480"));

    [Fact]
    public async Task Read_FieldsJustUnderLimit_AreAccepted()
    {
        var upload = await Read(Part("key", new string('a', 20000)) + FilePart("x") + "--XyZ--\r\n");
        Assert.Equal(20000, upload.Form.Get("key")!.Length);
    }

    [Fact]
    public async Task Read_NotMultipart_IsPreconditionFailed()
    {
        foreach (var type in new[] { "application/x-www-form-urlencoded", null, "garbage;;" })
        {
            AssertError(await ThrowsAsync(() => Read("key=k", type)), 412, S3ErrorCode.PreconditionFailed,
                "At least one of the pre-conditions you specified did not hold",
                ("Condition", "Bucket POST must be of the enclosure-type multipart/form-data"));
        }
    }

    [Fact]
    public async Task Read_MissingBoundary_IsMalformedPostRequest() =>
        AssertError(await ThrowsAsync(() => Read(Part("key", "k"), "multipart/form-data")), 400, S3ErrorCode.MalformedPOSTRequest,
            "The body of your POST request is not well-formed multipart/form-data.");

    [Fact]
    public async Task Read_GarbageBody_IsMalformedPostRequest() =>
        Assert.Equal(S3ErrorCode.MalformedPOSTRequest, (await ThrowsAsync(() => Read("no boundary in here at all"))).Code);

    [Fact]
    public async Task Read_TruncatedBeforeFile_IsMalformedPostRequest() =>
        Assert.Equal(S3ErrorCode.MalformedPOSTRequest, (await ThrowsAsync(() => Read(Part("key", "k") + "--XyZ\r\nContent-Disp"))).Code);

    [Fact]
    public async Task Read_TruncatedFileContent_IsMalformedPostRequestWhileStreaming()
    {
        var upload = await Read(Part("key", "k") + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nhello wor");
        Assert.Equal(S3ErrorCode.MalformedPOSTRequest, (await ThrowsAsync(() => upload.FileBody.CopyToAsync(Stream.Null))).Code);
    }

    [Fact]
    public async Task Read_PartWithoutName_IsMalformedPostRequest() =>
        Assert.Equal(S3ErrorCode.MalformedPOSTRequest,
            (await ThrowsAsync(() => Read("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n" + FilePart("x") + "--XyZ--\r\n"))).Code);
}
