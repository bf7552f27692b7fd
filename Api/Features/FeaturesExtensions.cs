using System.Text.Encodings.Web;
using Api.Features.Convert;
using Api.Features.Echo;
using Api.Features.Exemple;
using Api.Features.Health;
using Api.Features.TestEndpoint;
using Api.Json;

namespace Api.Features;

public static class FeaturesExtensions
{
    /// <summary>
    /// The tutorial's controllers and the health probes, run by MVC's own pipeline: MVC's core
    /// and the API explorer (for the OpenAPI document) only. AddControllers would also register
    /// authorization, CORS and DataAnnotations, which put authentication and authorization
    /// middleware on every request; the API authenticates nobody.
    /// </summary>
    public static IServiceCollection AddTutorialControllers(this IServiceCollection services)
    {
        services.AddMvcCore()
            .AddApiExplorer()
            .AddJsonOptions(options =>
            {
                // Every body goes out as JSON with nosniff: non-ASCII text is written as UTF-8, not \u escapes.
                options.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
                options.JsonSerializerOptions.Converters.Add(new BigIntegerJsonConverter());
                options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, TestEndpointJsonContext.Default);
                options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ExempleJsonContext.Default);
                options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ConvertJsonContext.Default);
                options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, HealthJsonContext.Default);
            });
        services.AddContentLengthJson();
        services.AddSingleton<IEchoService, EchoService>();
        return services;
    }
}
