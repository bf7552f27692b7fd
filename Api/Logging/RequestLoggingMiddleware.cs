using System.Diagnostics;

namespace Api.Logging;

/// <summary>
/// One line per answered request: method, path, status, milliseconds, client address and trace id;
/// never the query string, headers or bodies, which may hold secrets.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Log(context, started);
        }
    }

    private void Log(HttpContext context, long started)
    {
        if (!logger.IsEnabled(LogLevel.Information)) return;

        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var path = context.Request.Path.Value ?? "/";
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "-";
        var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
        LogRequest(logger, context.Request.Method, path, context.Response.StatusCode, elapsedMs, client, traceId);
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.000} ms for {Client} (trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs, string client, string traceId);
}
