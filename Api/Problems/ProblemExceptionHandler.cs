using Microsoft.AspNetCore.Diagnostics;

namespace Api.Problems;

/// <summary>
/// A request the server cannot read is the client's mistake: answered with the status and message
/// Kestrel or the form reader chose (400, 408, 413), and 400 for a body Kestrel fails to read with a
/// plain IOException (a chunk size that overflows). Any other exception is a 500 whose text stays here.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException refused => (refused.StatusCode, refused.Message),
            IOException => (StatusCodes.Status400BadRequest, "The request body cannot be read: its framing is broken."),
            _ => (StatusCodes.Status500InternalServerError, null),
        };
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail };
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
