using FakeS3.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class FakeS3ServiceCollectionExtensions
{
    /// <summary>Registers FakeS3: validated options, the clock, storage, authentication and the S3 endpoints.</summary>
    public static IServiceCollection AddFakeS3(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FakeS3Options>().Bind(configuration.GetSection(FakeS3Options.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FakeS3Options>, FakeS3OptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FakeS3Marker>();
        FakeS3Services.Register(services);
        return services;
    }
}
