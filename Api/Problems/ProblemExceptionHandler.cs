using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Api.Problems;

/// <summary>
/// A request the server cannot read (a body beyond the limit, a body that stops coming, broken
/// chunking, a form beyond its limits) is the client's mistake: answered with the status Kestrel or
/// the form reader chose (400, 408, 413) and its message. Any other exception is a 500 whose text
/// never leaves the server.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, detail) = exception is BadHttpRequestException refused
            ? (refused.StatusCode, refused.Message)
            : (StatusCodes.Status500InternalServerError, null);
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail };
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
