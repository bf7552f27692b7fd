using Microsoft.AspNetCore.Mvc.Filters;

namespace Api.Problems;

/// <summary>
/// A request the server cannot read (a body beyond the limit, a body shorter than its
/// Content-Length, broken chunking) is the client's mistake: it is answered with the status
/// Kestrel or the form reader chose (400, 408, 413) as a problem, not logged as a server error.
/// </summary>
public sealed partial class BadRequestExceptionFilter(ILogger<BadRequestExceptionFilter> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Exception is not BadHttpRequestException badRequest)
        {
            return;
        }

        LogRefused(logger, badRequest.StatusCode, badRequest);
        context.Result = new ProblemResult(ProblemFactory.ForUnreadableRequest(badRequest));
        context.ExceptionHandled = true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a request the server cannot read ({StatusCode})")]
    private static partial void LogRefused(ILogger logger, int statusCode, Exception exception);
}
