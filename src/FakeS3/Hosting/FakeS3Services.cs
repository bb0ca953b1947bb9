using FakeS3.Admin;
using FakeS3.Diagnostics;
using FakeS3.Http;
using FakeS3.Http.Buckets;
using FakeS3.Http.Multipart;
using FakeS3.Http.Objects;
using FakeS3.Signing;
using FakeS3.Storage;

namespace FakeS3.Hosting;

/// <summary>The service registrations behind AddFakeS3 (storage, signing, endpoints).</summary>
internal static class FakeS3Services
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<FakeS3Database>();
        services.AddSingleton(sp => new UploadPacer(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FakeS3Options>>().Value.PaceLargeUploads));
        services.AddSingleton<LiteDbBlobStore>();
        services.AddSingleton<LiteDbObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<LiteDbObjectStore>());
        services.AddSingleton<LiteDbMultipartStore>();
        services.AddSingleton<S3Services>();
        services.AddSingleton<Signing.ICredentialStore, Signing.ConfiguredCredentialStore>();
        services.AddSingleton<Signing.SigningKeyCache>();
        services.AddSingleton(sp => new Signing.RequestAuthenticator(
            sp.GetRequiredService<Signing.ICredentialStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FakeS3Options>>(),
            sp.GetRequiredService<Signing.SigningKeyCache>()));
        services.AddSingleton<FakeS3Initializer>();

        services.AddSingleton<Faults.FaultInjector>();
        services.AddSingleton<FaultsEndpoint>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<RejectionExplainer>();
        services.AddSingleton<UnhandledErrorLog>();
        services.AddSingleton<AdminToken>();
        services.AddSingleton<ListenerExposure>();
        services.AddSingleton<ServedHosts>();
        services.AddSingleton<AdminAccessGuard>();
        services.AddSingleton<ClockEndpoint>();
        services.AddSingleton<ResetEndpoint>();
        services.AddSingleton<RequestsEndpoint>();
        services.AddSingleton<PresignedUrlExplainer>();
        services.AddSingleton<PostPolicyExplainer>();
        services.AddSingleton<ExplainEndpoint>();

        services.AddSingleton<IS3Endpoint, BucketEndpoints>();
        services.AddSingleton<IS3Endpoint, ListObjectsEndpoint>();
        services.AddSingleton<IS3Endpoint, GetObjectEndpoint>();
        services.AddSingleton<IS3Endpoint, PutObjectEndpoint>();
        services.AddSingleton<IS3Endpoint, CopyObjectEndpoint>();
        services.AddSingleton<IS3Endpoint, DeleteObjectEndpoint>();
        services.AddSingleton<IS3Endpoint, MultipartEndpoints>();
        services.AddSingleton<IS3Endpoint, UploadPartCopyEndpoint>();
        services.AddSingleton<IS3Endpoint, TaggingEndpoint>();
        services.AddSingleton<IS3Endpoint, AclEndpoint>();
        services.AddSingleton<Http.Post.PostFormAuthenticator>();
        services.AddSingleton<IS3Endpoint, Http.Post.PostObjectEndpoint>();
        services.AddSingleton<IS3Endpoint, Http.Cors.CorsEndpoints>();
    }
}
