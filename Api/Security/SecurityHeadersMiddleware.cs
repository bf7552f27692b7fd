namespace Api.Security;

/// <summary>
/// Headers that suit a public JSON and text API on every answer the API writes: no MIME sniffing,
/// no framing, no referrer, and no active content (except on the docs page, whose script must
/// run). They are set as the answer starts, so that an answer cleared and written again (the
/// exception handler's) has them too.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    private static readonly Func<object, Task> Apply = state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/docs", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
        }

        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(Apply, context);
        return next(context);
    }
}
