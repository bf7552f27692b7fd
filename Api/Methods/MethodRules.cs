using Api.CrossOrigin;
using Microsoft.AspNetCore.Cors;

namespace Api.Methods;

// Here rather than for every endpoint, so that the API explorer sees HEAD too.
internal sealed class HeadForGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            if (selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault() is { } constraint
                && WithHead(constraint.HttpMethods) is { } methods)
            {
                selector.ActionConstraints[selector.ActionConstraints.IndexOf(constraint)] = new HttpMethodActionConstraint(methods);
                if (selector.EndpointMetadata.OfType<HttpMethodMetadata>().FirstOrDefault() is { } metadata)
                    selector.EndpointMetadata[selector.EndpointMetadata.IndexOf(metadata)] = new HttpMethodMetadata(methods);
            }
        }
    }

    public static string[]? WithHead(IEnumerable<string> methods) =>
        methods.Contains(HttpMethods.Get) && !methods.Contains(HttpMethods.Head) ? [.. methods, HttpMethods.Head] : null;
}

// Flask's automatic OPTIONS. Built when routing first asks, so it sees every mapping whenever it was added.
internal sealed class AutomaticOptionsEndpointDataSource(ICollection<EndpointDataSource> dataSources, CorsPolicy? cors) : EndpointDataSource
{
    private IReadOnlyList<Endpoint>? _endpoints;

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints ??= BuildEndpoints();

    public override IChangeToken GetChangeToken() =>
        new CompositeChangeToken([.. RouteSources.Select(source => source.GetChangeToken())]);

    public static string AllowHeader(IEnumerable<string> methods) =>
        string.Join(", ", methods.Append(HttpMethods.Options).Select(m => m.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal));

    private IEnumerable<EndpointDataSource> RouteSources => dataSources.Where(source => source != this);

    private List<Endpoint> BuildEndpoints() =>
        [.. RouteSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .GroupBy(endpoint => endpoint.RoutePattern.RawText, StringComparer.Ordinal)
            .Select(CreateOptionsEndpoint)
            .OfType<Endpoint>()];

    private RouteEndpoint? CreateOptionsEndpoint(IGrouping<string?, RouteEndpoint> routes)
    {
        var methods = routes.SelectMany(route => route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).ToList();
        if (methods.Count == 0 || methods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase)) return null;
        var allow = AllowHeader(methods);
        var first = routes.First();
        // The path's Werkzeug rules, and no rate limit where none of its routes has one (the health probes).
        List<object> metadata = [new HttpMethodMetadata([HttpMethods.Options]), .. first.Metadata.OfType<WerkzeugRulesAttribute>()];
        if (routes.All(route => route.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)) metadata.Add(new DisableRateLimitingAttribute());

        // A CORS preflight is an OPTIONS: it routes here, and allows the methods of the path's Allow.
        if (cors is not null) metadata.Add(new CorsPolicyMetadata(new CorsPolicyBuilder(cors).WithMethods(allow.Split(", ")).Build()));
        return new RouteEndpoint(
            context =>
            {
                context.Response.Headers.Allow = allow;
                context.Response.ContentLength = 0;
                return Task.CompletedTask;
            },
            first.RoutePattern,
            first.Order,
            new EndpointMetadataCollection(metadata),
            $"OPTIONS {first.RoutePattern.RawText}");
    }
}

internal static class MethodRulesExtensions
{
    public static WebApplication MapAutomaticOptions(this WebApplication app)
    {
        IEndpointRouteBuilder routes = app;
        routes.DataSources.Add(new AutomaticOptionsEndpointDataSource(routes.DataSources, app.Services.CrossOriginPolicy()));
        return app;
    }

    public static TBuilder AnswerHeadLikeGet<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoints.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } metadata
                && HeadForGetConvention.WithHead(metadata.HttpMethods) is { } methods)
            {
                endpoint.Metadata.Add(new HttpMethodMetadata(methods));
            }
        });
        return endpoints;
    }
}
