using Microsoft.AspNetCore.Mvc.Formatters;

namespace Api.Json;

internal static class JsonExtensions
{
    /// <summary>MVC writes JSON with <see cref="ContentLengthJsonOutputFormatter"/>, with the options of <see cref="JsonOptions"/>.</summary>
    public static IServiceCollection AddContentLengthJson(this IServiceCollection services)
    {
        services.AddOptions<MvcOptions>().Configure<IOptions<JsonOptions>>((mvc, json) =>
        {
            var index = mvc.OutputFormatters.IndexOf(mvc.OutputFormatters.OfType<SystemTextJsonOutputFormatter>().Single());
            mvc.OutputFormatters[index] = new ContentLengthJsonOutputFormatter(json.Value.JsonSerializerOptions);
        });
        return services;
    }
}
