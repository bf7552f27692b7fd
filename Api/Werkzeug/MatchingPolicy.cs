using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Api.Werkzeug;

/// <summary>
/// Matches paths as strictly as Werkzeug, where ASP.NET Core routing is lenient:
/// <list type="bullet">
/// <item>a trailing slash is part of the path: <c>/test/</c> and <c>/test/abc/</c> match no route,
/// and only a catch-all parameter (Werkzeug's <c>path</c> converter) takes a path ending in one;</item>
/// <item>literal segments are case-sensitive: <c>/Test</c> is not <c>/test</c>;</item>
/// <item>a 405 stands only where some route takes the path, constraints included, whatever its
/// method: routing's 405 is decided before constraints run, so <c>PUT /convert/path</c> (an
/// empty path value) would otherwise be 405 rather than 404.</item>
/// </list>
/// </summary>
public sealed class MatchingPolicy(EndpointDataSource endpoints, ParameterPolicyFactory policies) : MatcherPolicy, IEndpointSelectorPolicy
{
    private IReadOnlyList<(RouteEndpoint Route, TemplateMatcher Matcher)>? _routes;

    // After routing's own policies, so that the 405 candidates they add are judged too.
    public override int Order => 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Routing's 405 endpoints carry no route pattern: they are judged too.
        return endpoints.Any(endpoint => endpoint is not RouteEndpoint || endpoint.Metadata.GetMetadata<WerkzeugRoutingMetadata>() is not null);
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        var path = httpContext.Request.Path.Value ?? "/";
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var endpoint = candidates[i].Endpoint;
            if (endpoint is RouteEndpoint && endpoint.Metadata.GetMetadata<WerkzeugRoutingMetadata>() is null)
            {
                continue;
            }

            var valid = endpoint is RouteEndpoint route
                ? Takes(route.RoutePattern, path)
                : AnyRouteTakes(httpContext, path);
            if (!valid)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    private static bool Takes(RoutePattern pattern, string path) =>
        path.StartsWith('/')
        && (path.Length == 1 || path[^1] != '/' || pattern.Parameters is [.., { IsCatchAll: true }])
        && LiteralsMatchExactly(pattern, path);

    private bool AnyRouteTakes(HttpContext httpContext, string path)
    {
        _routes ??= [.. endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(route => route.Metadata.GetMetadata<WerkzeugRoutingMetadata>() is not null)
            .Select(route => (route, new TemplateMatcher(new RouteTemplate(route.RoutePattern), new RouteValueDictionary())))];
        foreach (var (route, matcher) in _routes)
        {
            var values = new RouteValueDictionary();
            if (matcher.TryMatch(path, values) && Takes(route.RoutePattern, path) && ConstraintsAccept(httpContext, route.RoutePattern, values))
            {
                return true;
            }
        }

        return false;
    }

    private bool ConstraintsAccept(HttpContext httpContext, RoutePattern pattern, RouteValueDictionary values) =>
        pattern.Parameters.All(parameter => parameter.ParameterPolicies.All(reference =>
            policies.Create(parameter, reference) is not IRouteConstraint constraint
            || constraint.Match(httpContext, null, parameter.Name, values, RouteDirection.IncomingRequest)));

    private static bool LiteralsMatchExactly(RoutePattern pattern, string path)
    {
        var segments = path.AsSpan(1);
        foreach (var patternSegment in pattern.PathSegments)
        {
            var slash = segments.IndexOf('/');
            var segment = slash < 0 ? segments : segments[..slash];
            segments = slash < 0 ? [] : segments[(slash + 1)..];
            if (patternSegment.Parts is [RoutePatternLiteralPart literal]
                && !segment.Equals(literal.Content, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
