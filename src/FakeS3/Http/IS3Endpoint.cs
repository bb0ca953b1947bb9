namespace FakeS3.Http;

/// <summary>An endpoint class handles one or more S3 operations; the dispatcher builds its table from all of them.</summary>
internal interface IS3Endpoint
{
    IEnumerable<(S3Operation Operation, Func<S3RequestContext, Task> Handle)> Operations { get; }
}
