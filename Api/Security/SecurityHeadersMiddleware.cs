namespace Api.Security;

/// <summary>
/// No MIME sniffing, framing, referrer or active content (the docs page's script aside) on every
/// answer; set as it starts, so that an answer the exception handler rewrites has them too.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
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
        context.Response.OnStarting(Apply, context);
        return next(context);
    }
}
