namespace Api.Security;

/// <summary>
/// Headers that suit a public JSON and text API: no MIME sniffing, no framing, no referrer, and no
/// active content (except on the docs page, whose script must run).
/// </summary>
public static class SecurityHeaders
{
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/docs", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
        }
    }
}
