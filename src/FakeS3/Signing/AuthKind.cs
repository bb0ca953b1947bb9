namespace FakeS3.Signing;

/// <summary>How a request authenticated. Anonymous is not an error: the HTTP edge decides (spec §2.1).</summary>
internal enum AuthKind
{
    Anonymous,
    SigV4Header,
    SigV4Query,
    SigV2Header,
    SigV2Query,
}
