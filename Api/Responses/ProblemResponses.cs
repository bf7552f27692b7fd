using Microsoft.AspNetCore.Diagnostics;

namespace Api.Responses;

internal static partial class ProblemResponses
{
    public const string TraceIdExtension = "traceId";

    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        // Registered before AddProblemDetails so that it is the writer the service picks.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
        services.AddProblemDetails();
        services.AddOptions<ProblemDetailsOptions>().Configure<IOptions<ApiBehaviorOptions>>((problems, mvc) =>
            problems.CustomizeProblemDetails += context => Complete(context, mvc.Value.ClientErrorMapping));
        // A request the client broke is not logged as an error: its own status, or 400 for a body Kestrel cannot read.
        services.Configure<ExceptionHandlerOptions>(options =>
        {
            options.StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException refused => refused.StatusCode,
                IOException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            };
            // An exception an IExceptionHandler answered is its owner's to log.
            options.SuppressDiagnosticsCallback = context =>
                context.Exception is IOException || context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService || LogAnswered500(context);
        });
        return services;
    }

    // In place of the framework's entry, which names no request while log scopes are off: its metric tag, and the trace and span ids.
    private static bool LogAnswered500(ExceptionHandlerSuppressDiagnosticsContext context)
    {
        var http = context.HttpContext;
        http.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("error.type", context.Exception.GetType().FullName));
        LogUnhandledException(
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProblemResponses).FullName!),
            context.Exception, Activity.Current?.TraceId.ToHexString(), Activity.Current?.SpanId.ToHexString());
        return true;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception, answered 500. TraceId: {TraceId} SpanId: {SpanId}")]
    private static partial void LogUnhandledException(ILogger logger, Exception exception, string? traceId, string? spanId);

    private static void Complete(ProblemDetailsContext context, IDictionary<int, ClientErrorData> types)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ??= http.Response.StatusCode;
        var type = types.TryGetValue(status, out var known) ? known : null;
        problem.Type ??= type?.Link ?? "about:blank";
        problem.Title ??= type?.Title;
        problem.Detail ??= context.Exception switch
        {
            BadHttpRequestException refused => refused.Message,
            IOException => "The request body cannot be read: its framing is broken.",
            _ => RoutingDetail(http, status),
        };
        problem.Extensions[TraceIdExtension] = Activity.Current?.Id ?? http.TraceIdentifier;
    }

    private static string? RoutingDetail(HttpContext context, int status)
    {
        var path = context.Request.Path;
        return status switch
        {
            StatusCodes.Status404NotFound when context.GetEndpoint() is null => $"No route matches the path '{path.Value}'.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{(path.HasValue ? $"The path '{path.Value}'" : "The server")} does not accept {context.Request.Method}; it accepts {context.Response.Headers.Allow}.",
            StatusCodes.Status429TooManyRequests => "Too many requests from this client address; Retry-After says when to try again.",
            _ => null,
        };
    }
}
