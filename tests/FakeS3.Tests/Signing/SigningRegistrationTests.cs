using FakeS3.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FakeS3.Tests.Signing;

public class SigningRegistrationTests
{
    [Fact]
    public void AddFakeS3_DefaultCredentials_AuthenticatorAndStoreResolve()
    {
        var services = new ServiceCollection();
        services.AddFakeS3(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<RequestAuthenticator>(), provider.GetRequiredService<RequestAuthenticator>());
        Assert.True(provider.GetRequiredService<ICredentialStore>().TryGet("fakes3", out var credential));
        Assert.Equal("fakes3secret", credential.SecretAccessKey);
        Assert.Null(credential.SessionToken);
    }
}
