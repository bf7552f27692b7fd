using Microsoft.Net.Http.Headers;

namespace Api.Security;

/// <summary>
/// Headers that suit a public JSON and text API on every answer, errors included: no MIME
/// sniffing, no framing, no referrer, and no active content (except on the docs page, whose
/// script must run).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!http.Request.Path.StartsWithSegments("/docs", StringComparison.Ordinal))
            {
                headers[HeaderNames.ContentSecurityPolicy] = ApiContentSecurityPolicy;
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
