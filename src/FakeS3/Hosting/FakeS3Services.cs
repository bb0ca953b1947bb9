namespace FakeS3.Hosting;

/// <summary>The service registrations behind AddFakeS3 (storage, signing, endpoints).</summary>
internal static class FakeS3Services
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<Signing.ICredentialStore, Signing.ConfiguredCredentialStore>();
        services.AddSingleton<Signing.SigningKeyCache>();
        services.AddSingleton(sp => new Signing.RequestAuthenticator(
            sp.GetRequiredService<Signing.ICredentialStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FakeS3Options>>(),
            sp.GetRequiredService<Signing.SigningKeyCache>()));
    }
}
