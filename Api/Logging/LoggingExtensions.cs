namespace Api.Logging;

public static class LoggingExtensions
{
    /// <summary>The request log, unless <c>RequestLogging:Enabled</c> is false.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        if (app.Configuration.GetSection(RequestLoggingOptions.Section).Get<RequestLoggingOptions>()?.Enabled ?? true)
        {
            app.UseMiddleware<RequestLoggingMiddleware>();
        }

        return app;
    }
}
