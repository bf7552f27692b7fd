namespace Api.Http;

/// <summary>
/// Targets that name the whole server (RFC 9112 §3.2.3-4), which Kestrel gives an empty path:
/// <c>OPTIONS *</c> is 200 with an Allow of every method; any other (CONNECT) is 405 with it.
/// </summary>
internal static class ServerWideRequests
{
    public static IApplicationBuilder UseServerWideRequests(this IApplicationBuilder app)
    {
        string? allow = null;
        return app.Use((context, next) =>
        {
            if (context.Request.Path.HasValue) return next(context);

            var endpoints = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints;
            // Stryker disable once Assignment: the Allow header is only cached; computed again, it is the same
            context.Response.Headers.Allow = allow ??= AutomaticOptionsEndpointDataSource.AllowHeader(
                endpoints.SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []));
            if (HttpMethods.IsOptions(context.Request.Method)) context.Response.ContentLength = 0;
            else context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;

            return Task.CompletedTask;
        });
    }
}
