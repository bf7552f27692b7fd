using System.Text.Encodings.Web;
using Api.Features.Convert;
using Api.Features.Echo;
using Api.Features.Exemple;
using Api.Features.Health;
using Api.Features.TestEndpoint;
using Api.Json;

namespace Api.Features;

internal static class FeaturesExtensions
{
    /// <summary>
    /// The controllers on MVC's core and API explorer only: AddControllers would add authorization,
    /// CORS and DataAnnotations, and with them authentication middleware on every request.
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
