using Api.Settings;
using Microsoft.Extensions.Options;

namespace Api.Logging;

public static class LoggingExtensions
{
    public static IServiceCollection AddRequestLogging(this IServiceCollection services)
    {
        services.AddSettings<RequestLoggingOptions>(RequestLoggingOptions.Section);
        return services;
    }

    /// <summary>The request log, unless <c>RequestLogging:Enabled</c> is false.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RequestLoggingOptions>>().Value.Enabled)
        {
            app.UseMiddleware<RequestLoggingMiddleware>();
        }

        return app;
    }
}
