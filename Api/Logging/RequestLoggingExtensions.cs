using Microsoft.AspNetCore.HttpLogging;

namespace Api.Logging;

internal static class RequestLoggingExtensions
{
    /// <summary>
    /// One log entry per request, ASP.NET Core's HTTP logging with its entries combined: method, path,
    /// status and duration, plus the client's address and the W3C trace and span ids; never the query
    /// string, headers or bodies, which may hold secrets.
    /// </summary>
    public static IServiceCollection AddRequestLogging(this IServiceCollection services)
    {
        services.AddSettings<RequestLoggingOptions>(RequestLoggingOptions.Section);
        services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RequestLogFields>();
        return services;
    }

    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RequestLoggingOptions>>().Value.Enabled) app.UseHttpLogging();

        return app;
    }

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

/// <summary>One log line per request (section <c>RequestLogging</c>), on by default.</summary>
internal sealed class RequestLoggingOptions
{
    public const string Section = "RequestLogging";

    public bool Enabled { get; set; } = true;
}
