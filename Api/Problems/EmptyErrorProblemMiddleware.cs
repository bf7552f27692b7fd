namespace Api.Problems;

/// <summary>
/// Gives a problem body to every 4xx and 5xx answer that has none (no route, a wrong method,
/// a timeout): what <c>UseStatusCodePages</c> does, without its per-request feature.
/// </summary>
public sealed class EmptyErrorProblemMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await next(context);
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength.HasValue || response.ContentType is not null)
        {
            return;
        }

        var problem = ProblemFactory.ForStatus(response.StatusCode, ProblemFactory.DetailFor(context));
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
