using FakeS3.Errors;

namespace FakeS3.Cors;

/// <summary>
/// A CORS evaluation: either an error to send (preflight only) or the headers to add, possibly none.
/// A successful preflight answers 200 with an empty body, Content-Length 0 and no Content-Type [REC].
/// </summary>
internal sealed record CorsResult(S3Error? Error, IReadOnlyList<(string Name, string Value)> Headers)
{
    public static readonly CorsResult None = new(null, []);

    public static CorsResult Fail(S3Error error) => new(error, []);
}
