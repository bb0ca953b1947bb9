using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using FakeS3.Conformance.Signing;

namespace FakeS3.Conformance.Http;

/// <summary>A browser-style multipart/form-data POST, written byte by byte (field order matters to S3: the file must be last).</summary>
public sealed class PostForm
{
    public List<KeyValuePair<string, string>> Fields { get; } = [];
    public string FileField { get; set; } = "file";
    public string? FileName { get; set; } = "upload.txt";
    public byte[]? File { get; set; } = Encoding.UTF8.GetBytes("My test put/get/post");
    public string? FileContentType { get; set; } = "text/plain";
    /// <summary>Fields sent after the file part (S3 ignores them).</summary>
    public List<KeyValuePair<string, string>> AfterFile { get; } = [];
    public string ContentType { get; set; } = "multipart/form-data; boundary={boundary}";

    public PostForm Set(string name, string value)
    {
        var i = Fields.FindIndex(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase));
        if (i >= 0) Fields[i] = new(name, value); else Fields.Add(new(name, value));
        return this;
    }

    public PostForm Remove(string name)
    {
        Fields.RemoveAll(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    public string? Get(string name) => Fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public HttpContent ToContent()
    {
        var boundary = "----FakeS3Conformance" + Guid.NewGuid().ToString("N")[..12];
        var ms = new MemoryStream();
        void W(string s) { var b = Encoding.UTF8.GetBytes(s); ms.Write(b); }
        void Field(KeyValuePair<string, string> f) => W($"--{boundary}\r\nContent-Disposition: form-data; name=\"{f.Key}\"\r\n\r\n{f.Value}\r\n");
        foreach (var f in Fields) Field(f);
        if (File is not null)
        {
            W($"--{boundary}\r\nContent-Disposition: form-data; name=\"{FileField}\"{(FileName is null ? "" : $"; filename=\"{FileName}\"")}\r\n");
            if (FileContentType is not null) W($"Content-Type: {FileContentType}\r\n");
            W("\r\n");
            ms.Write(File);
            W("\r\n");
        }
        foreach (var f in AfterFile) Field(f);
        W($"--{boundary}--\r\n");
        var content = new ByteArrayContent(ms.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType.Replace("{boundary}", boundary, StringComparison.Ordinal));
        return content;
    }

    /// <summary>A SigV4 POST form: key, x-amz-algorithm/credential/date, policy (base64 of <paramref name="policyJson"/>), x-amz-signature.</summary>
    public static PostForm Signed(string key, string policyJson, string accessKeyId, string secret, string region, DateTime date, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var form = new PostForm();
        form.Fields.Add(new("key", key));
        foreach (var f in fields ?? []) form.Fields.Add(f);
        var stamp = SigV4.DateStamp(date);
        var policy = Convert.ToBase64String(Encoding.UTF8.GetBytes(policyJson));
        form.Fields.Add(new("x-amz-algorithm", SigV4.Algorithm));
        form.Fields.Add(new("x-amz-credential", $"{accessKeyId}/{stamp}/{region}/s3/aws4_request"));
        form.Fields.Add(new("x-amz-date", SigV4.AmzDate(date)));
        form.Fields.Add(new("policy", policy));
        form.Fields.Add(new("x-amz-signature", SigV4.PostSignature(policy, secret, stamp, region)));
        return form;
    }

    /// <summary>Policy JSON in boto3's layout; the SigV4 conditions are appended.</summary>
    public static string PolicyJson(DateTime expiration, IEnumerable<string> conditions, string accessKeyId, string region, DateTime date)
    {
        var all = conditions.Concat([
            $"{{\"x-amz-algorithm\": \"{SigV4.Algorithm}\"}}",
            $"{{\"x-amz-credential\": \"{accessKeyId}/{SigV4.DateStamp(date)}/{region}/s3/aws4_request\"}}",
            $"{{\"x-amz-date\": \"{SigV4.AmzDate(date)}\"}}",
        ]);
        return $"{{\"expiration\": \"{expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\", \"conditions\": [{string.Join(", ", all)}]}}";
    }
}
