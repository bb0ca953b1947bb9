using FakeS3.Hosting;
using FakeS3.Storage;
using Microsoft.Extensions.Options;

namespace FakeS3.Http;

/// <summary>The singletons every endpoint uses, bundled so endpoint constructors stay short.</summary>
internal sealed class S3Services(IObjectStore store, LiteDbMultipartStore multipart, TimeProvider time, IOptions<FakeS3Options> options)
{
    public IObjectStore Store { get; } = store;
    public LiteDbMultipartStore Multipart { get; } = multipart;
    public TimeProvider Time { get; } = time;
    public IOptions<FakeS3Options> Options { get; } = options;
}
