using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Api.Werkzeug;

/// <summary>
/// Matches the paths of <see cref="WerkzeugRulesAttribute"/>'s controllers as strictly as Werkzeug:
/// a trailing slash is part of the path (only a catch-all, Werkzeug's <c>path</c>, takes one) and
/// literal segments are case-sensitive. A 405 stands only where some route takes the path,
/// constraints included (routing decides 405 before constraints run, so <c>PUT /convert/path</c>,
/// an empty path value, would be 405 rather than 404).
/// </summary>
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
