using FakeS3.Clock;
using FakeS3.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>AddFakeS3(): FakeS3's services in an ASP.NET Core app.</summary>
public static class FakeS3ServiceCollectionExtensions
{
    /// <summary>Registers FakeS3: validated options, the clock, storage, authentication and the S3 endpoints.</summary>
    public static IServiceCollection AddFakeS3(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FakeS3Options>().Bind(configuration.GetSection(FakeS3Options.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FakeS3Options>, FakeS3OptionsValidator>());
        // THE clock: every time rule reads TimeProvider. A host that registered its own TimeProvider first
        // (e.g. FakeTimeProvider in a WebApplicationFactory) keeps it, and then owns time: the admin clock
        // API answers 409 because FakeS3Clock is not the clock in use.
        services.TryAddSingleton(_ => new FakeS3Clock()); // real time underneath: not resolved from DI (that would be itself)
        services.TryAddSingleton<TimeProvider>(sp => sp.GetRequiredService<FakeS3Clock>());
        services.AddSingleton<FakeS3Marker>();
        FakeS3Services.Register(services);
        return services;
    }
}
