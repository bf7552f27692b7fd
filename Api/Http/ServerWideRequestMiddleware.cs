namespace Api.Http;

/// <summary>
/// Targets that name the whole server (RFC 9112 §3.2.3-4), which Kestrel gives an empty path:
/// <c>OPTIONS *</c> is 200 with an Allow of every method; any other (CONNECT) is 405 with it.
/// </summary>
internal sealed class ServerWideRequestMiddleware(RequestDelegate next, EndpointDataSource endpoints)
{
    private string? _allow;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.HasValue) return next(context);

        var response = context.Response;
        response.Headers.Allow = _allow ??= AutomaticOptionsEndpointDataSource.AllowHeader(
            endpoints.Endpoints.SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []));
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            response.ContentLength = 0;
        }
        else
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        }

        return Task.CompletedTask;
    }
}

internal static class ServerWideRequestExtensions
{
    public static IApplicationBuilder UseServerWideRequests(this IApplicationBuilder app) =>
        app.UseMiddleware<ServerWideRequestMiddleware>();
}
