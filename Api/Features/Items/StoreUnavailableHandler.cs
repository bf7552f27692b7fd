using Microsoft.AspNetCore.Diagnostics;

namespace Api.Features.Items;

/// <summary>A store that cannot serve now is 503 problem+json with Retry-After, not a 500: the client may try again.</summary>
internal sealed class StoreUnavailableHandler : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoreUnavailableException unavailable) return ValueTask.FromResult(false);

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = Math.Ceiling(unavailable.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Detail = "The item store cannot serve this request now; try again after Retry-After seconds." },
        });
    }
}
