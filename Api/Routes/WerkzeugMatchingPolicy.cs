using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Api.Routes;

/// <summary>
/// Matches paths as strictly as Werkzeug, where ASP.NET Core routing is lenient:
/// <list type="bullet">
/// <item>a trailing slash is part of the path: <c>/test/</c> and <c>/test/abc/</c> match no route,
/// and only a catch-all parameter (Werkzeug's <c>path</c> converter) takes a path ending in one;</item>
/// <item>literal segments are case-sensitive: <c>/Test</c> is not <c>/test</c>.</item>
/// </list>
/// </summary>
public sealed class WerkzeugMatchingPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
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
        var trailingSlash = path.Length > 1 && path[^1] == '/';
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
                ? (!trailingSlash || EndsWithCatchAll(route.RoutePattern)) && LiteralsMatchExactly(route.RoutePattern, path)
                : !trailingSlash && AnyRouteMatchesLiteralsExactly(httpContext, path);
            if (!valid)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    // Routing's 405 answer is an endpoint without a pattern: it stands only if some route takes
    // this path with its literal segments spelled exactly, whatever its method.
    private static bool AnyRouteMatchesLiteralsExactly(HttpContext httpContext, string path)
    {
        var segmentCount = path == "/" ? 0 : path.AsSpan(1).Count('/') + 1;
        return httpContext.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Any(route => (route.RoutePattern.PathSegments.Count == segmentCount || EndsWithCatchAll(route.RoutePattern))
                && LiteralsMatchExactly(route.RoutePattern, path));
    }

    private static bool EndsWithCatchAll(RoutePattern pattern) => pattern.Parameters is [.., { IsCatchAll: true }];

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
