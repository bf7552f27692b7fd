using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Api.Werkzeug;

internal static class WerkzeugExtensions
{
    public static IServiceCollection AddWerkzeugRules(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<IntegerConverter>(IntegerConverter.Name);
            options.SetParameterPolicy<FloatConverter>(FloatConverter.Name);
            options.SetParameterPolicy<UuidConverter>(UuidConverter.Name);
            options.SetParameterPolicy<PathConverter>(PathConverter.Name);
            options.SetParameterPolicy<ListConverter>(ListConverter.Name);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, WerkzeugMatcherPolicy>());
        services.AddSingleton<WerkzeugFormParser>();
        return services;
    }

    // For every path: routing has not chosen a controller yet. Kestrel keeps %2F and removes dot segments; Werkzeug does not.
    public static IApplicationBuilder UseWerkzeugPaths(this IApplicationBuilder app) => app.Use(DecodePath);

    private static Task DecodePath(HttpContext context, RequestDelegate next)
    {
        if (RawPath(context.Features.Get<IHttpRequestFeature>()?.RawTarget) is { } rawPath
            && (rawPath.Contains('%', StringComparison.Ordinal) || rawPath.Contains("/.", StringComparison.Ordinal)))
        {
            context.Request.Path = new PathString(PercentDecoder.Decode(Encoding.Latin1.GetBytes(rawPath), plusIsSpace: false));
        }

        return next(context);
    }

    private static string? RawPath(string? rawTarget)
    {
        var start = rawTarget switch
        {
            ['/', ..] => 0,
            { } when rawTarget.IndexOf("://", StringComparison.Ordinal) is var scheme and > 0 =>
                rawTarget.IndexOf('/', scheme + 3) is var slash and >= 0 ? slash : rawTarget.Length,
            _ => -1,
        };
        if (start < 0 || start == rawTarget!.Length) return null;
        var query = rawTarget.IndexOf('?', start);
        return query < 0 ? rawTarget[start..] : rawTarget[start..query];
    }
}

/// <summary>Werkzeug's strict paths: a trailing slash only for a catch-all, case-sensitive literals; a 405 only where some route
/// takes the path, constraints included (routing decides 405 before constraints run: <c>PUT /convert/path</c> would be 405).</summary>
internal sealed class WerkzeugMatcherPolicy(EndpointDataSource endpoints, ParameterPolicyFactory policies) : MatcherPolicy, IEndpointSelectorPolicy
{
    private IReadOnlyList<(RouteEndpoint Route, TemplateMatcher Matcher)>? _routes;

    // After routing's own policies, so that the 405 candidates they add are judged too.
    public override int Order => 1000;

    // Routing's 405 endpoints carry no route pattern: they are judged too.
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(endpoint => endpoint is not RouteEndpoint || IsWerkzeugRoute(endpoint));

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var path = httpContext.Request.Path.Value!;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i)) continue;
            candidates.SetValidity(i, candidates[i].Endpoint switch
            {
                RouteEndpoint route => !IsWerkzeugRoute(route) || Takes(route.RoutePattern, path),
                _ => AnyRouteTakes(httpContext, path),
            });
        }

        return Task.CompletedTask;
    }

    private static bool IsWerkzeugRoute(Endpoint endpoint) => endpoint.Metadata.GetMetadata<WerkzeugRulesAttribute>() is not null;

    private static bool Takes(RoutePattern pattern, string path) =>
        path.StartsWith('/')
        && (path.Length == 1 || path[^1] != '/' || pattern.Parameters is [.., { IsCatchAll: true }])
        && LiteralsMatchExactly(pattern, path);

    private bool AnyRouteTakes(HttpContext httpContext, string path)
    {
        // Stryker disable once Assignment: the routes are only cached; built again, they are the same
        _routes ??= [.. endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Select(route => (route, new TemplateMatcher(new RouteTemplate(route.RoutePattern), new RouteValueDictionary())))];
        return _routes.Any(entry => (!IsWerkzeugRoute(entry.Route) || Takes(entry.Route.RoutePattern, path)) && Matches(httpContext, entry.Route.RoutePattern, entry.Matcher, path));
    }

    private bool Matches(HttpContext httpContext, RoutePattern pattern, TemplateMatcher matcher, string path)
    {
        var values = new RouteValueDictionary();
        return matcher.TryMatch(path, values) && pattern.Parameters.All(parameter => parameter.ParameterPolicies.All(reference =>
            policies.Create(parameter, reference) is not IRouteConstraint constraint
            || constraint.Match(httpContext, null, parameter.Name, values, RouteDirection.IncomingRequest)));
    }

    // Routing matched the path case-insensitively, so each literal of the pattern has its segment at the same place.
    private static bool LiteralsMatchExactly(RoutePattern pattern, string path)
    {
        var rest = path.AsSpan(1);
        var segments = rest.Split('/');
        foreach (var patternSegment in pattern.PathSegments)
        {
            segments.MoveNext();
            if (patternSegment.Parts is [RoutePatternLiteralPart literal] && !rest[segments.Current].Equals(literal.Content, StringComparison.Ordinal)) return false;
        }

        return true;
    }
}
