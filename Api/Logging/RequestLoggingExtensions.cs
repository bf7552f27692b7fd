namespace Api.Logging;

internal static class RequestLoggingExtensions
{
    public static IServiceCollection AddRequestLogging(this IServiceCollection services)
    {
        services.AddSettings<RequestLoggingOptions>(RequestLoggingOptions.Section);
        return services;
    }

    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RequestLoggingOptions>>().Value.Enabled) app.UseMiddleware<RequestLoggingMiddleware>();

        return app;
    }
}
