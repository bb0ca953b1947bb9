namespace FakeS3.Admin;

/// <summary>
/// POST /_fakes3/explain body: a presigned URL (with the method and headers it will be sent with; without a
/// method every S3 method is tried), or the fields of a browser POST form.
/// </summary>
internal sealed record ExplainRequest(string? Url, string? Method, Dictionary<string, string>? Headers, Dictionary<string, string>? Fields);
