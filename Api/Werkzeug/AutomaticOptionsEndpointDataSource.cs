using Microsoft.Extensions.Primitives;

namespace Api.Werkzeug;

/// <summary>
/// Flask's automatic OPTIONS beside every Werkzeug-routed pattern: 200, an empty body and an Allow
/// header naming its methods (so routing's 405s list OPTIONS too). Built when routing first asks
/// for endpoints, so it sees every mapping whenever it was added.
/// </summary>
internal sealed class AutomaticOptionsEndpointDataSource(ICollection<EndpointDataSource> dataSources) : EndpointDataSource
{
    private IReadOnlyList<Endpoint>? _endpoints;

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints ??= BuildEndpoints();

    public override IChangeToken GetChangeToken() =>
        new CompositeChangeToken([.. RouteSources.Select(source => source.GetChangeToken())]);

    /// <summary>The Allow header value for a set of methods: OPTIONS added, sorted, comma-separated.</summary>
    public static string AllowHeader(IEnumerable<string> methods) =>
        string.Join(", ", methods.Append(HttpMethods.Options).Select(m => m.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal));

    private IEnumerable<EndpointDataSource> RouteSources => dataSources.Where(source => source != this);

    private List<Endpoint> BuildEndpoints() =>
        [.. RouteSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<WerkzeugRoutingMetadata>() is not null)
            .GroupBy(endpoint => endpoint.RoutePattern.RawText, StringComparer.Ordinal)
            .Select(CreateOptionsEndpoint)
            .OfType<Endpoint>()];

    private static RouteEndpoint? CreateOptionsEndpoint(IGrouping<string?, RouteEndpoint> routes)
    {
        var methods = routes.SelectMany(route => route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).ToList();
        if (methods.Count == 0 || methods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase)) return null;

        var allow = AllowHeader(methods);
        var first = routes.First();
        // A path whose routes are not rate limited (the health probes) is not rate limited for OPTIONS either.
        object[] metadata = routes.All(route => route.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
            ? [new HttpMethodMetadata([HttpMethods.Options]), WerkzeugRoutingMetadata.Instance, new DisableRateLimitingAttribute()]
            : [new HttpMethodMetadata([HttpMethods.Options]), WerkzeugRoutingMetadata.Instance];
        return new RouteEndpoint(
            context =>
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.Headers[HeaderNames.Allow] = allow;
                context.Response.ContentLength = 0;
                return Task.CompletedTask;
            },
            first.RoutePattern,
            first.Order,
            new EndpointMetadataCollection(metadata),
            $"OPTIONS {first.RoutePattern.RawText}");
    }
}
