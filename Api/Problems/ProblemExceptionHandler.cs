using Microsoft.AspNetCore.Diagnostics;

namespace Api.Problems;

/// <summary>
/// A request the server cannot read is the client's mistake: answered with the status and message
/// Kestrel or the form reader chose (400, 408, 413). Any other exception is a 500 whose text stays here.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception is BadHttpRequestException refused
            ? (refused.StatusCode, refused.Message)
            : (StatusCodes.Status500InternalServerError, null);
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail };
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
