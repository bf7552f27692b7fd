namespace Api.SecurityHeaders;

internal static class SecurityHeadersExtensions
{
    // Set as the answer starts, so that one the exception handler rewrites has them too.
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
