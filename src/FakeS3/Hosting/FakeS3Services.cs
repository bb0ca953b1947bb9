namespace FakeS3.Hosting;

/// <summary>The service registrations behind AddFakeS3 (storage, signing, endpoints).</summary>
internal static class FakeS3Services
{
    public static void Register(IServiceCollection services)
    {
    }
}
