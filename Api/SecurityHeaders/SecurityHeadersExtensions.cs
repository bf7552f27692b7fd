namespace Api.SecurityHeaders;

internal static class SecurityHeadersExtensions
{
    /// <summary>No MIME sniffing, framing, referrer or active content (the docs page's script aside) on every answer, set as
    /// it starts, so that an answer the exception handler rewrites has them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(SetSecurityHeaders, context);
            return next(context);
        });

    private static Task SetSecurityHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments(OpenApiExtensions.DocsPath, StringComparison.Ordinal))
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        return Task.CompletedTask;
    }
}
