using Api.Werkzeug;
using Microsoft.Net.Http.Headers;

namespace Api.Http;

/// <summary>
/// Answers the request targets that name the server as a whole rather than a path (RFC 9112
/// §3.2.3, §3.2.4), for which Kestrel gives an empty path: <c>OPTIONS *</c> is 200 with an empty
/// body and an Allow header naming every method the server takes; any other method (CONNECT to
/// an authority) is 405 with the same Allow header.
/// </summary>
public sealed class ServerWideRequestMiddleware(RequestDelegate next, EndpointDataSource endpoints)
{
    private string? _allow;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.HasValue)
        {
            return next(context);
        }

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

public static class ServerWideRequestExtensions
{
    public static IApplicationBuilder UseServerWideRequests(this IApplicationBuilder app) =>
        app.UseMiddleware<ServerWideRequestMiddleware>();
}
