using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Logging.Console;

namespace Api.Logging;

internal static class RequestLoggingExtensions
{
    // Never the query string, headers or bodies, which may hold secrets.
    public static IServiceCollection AddRequestLogging(this IServiceCollection services)
    {
        services.AddSettings<LoggingSettings>(LoggingSettings.Section);
        services.AddSettings<RequestLoggingSettings>(RequestLoggingSettings.Section);
        services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RequestLogFields>();
        return services;
    }

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<RequestLoggingSettings>>().Value.Enabled ? app.UseHttpLogging() : app;

    private sealed class RequestLogFields : IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;

        public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext)
        {
            var parameters = logContext.Parameters;
            if (parameters.FirstOrDefault(p => p.Key == "PathBase") is { Value: PathString { HasValue: false } } pathBase) parameters.Remove(pathBase);
            logContext.AddParameter("Client", logContext.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "-");
            if (Activity.Current is { } activity)
            {
                logContext.AddParameter("TraceId", activity.TraceId.ToHexString());
                logContext.AddParameter("SpanId", activity.SpanId.ToHexString());
            }

            return ValueTask.CompletedTask;
        }
    }
}

internal sealed class RequestLoggingSettings
{
    public const string Section = "RequestLogging";
    public bool Enabled { get; set; } = true;
}

// Checked here: logging takes an unknown formatter as simple, and fails on a level it cannot read with a stack trace.
internal sealed class LoggingSettings
{
    public const string Section = "Logging";

    public Dictionary<string, LogLevel> LogLevel { get; } = [];

    public ConsoleLoggerOptions Console { get; } = new();
}

internal sealed class LoggingSettingsValidator : AbstractValidator<LoggingSettings>
{
    public LoggingSettingsValidator() =>
        RuleFor(o => o.Console.FormatterName).Must(name => name is null || name.ToLowerInvariant() is "simple" or "json" or "systemd")
            .WithMessage("must be simple, json or systemd");
}
