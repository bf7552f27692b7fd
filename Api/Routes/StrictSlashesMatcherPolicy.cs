using Microsoft.AspNetCore.Routing.Matching;

namespace Api.Routes;

/// <summary>
/// A trailing slash is part of the path, as in Werkzeug: <c>/test/</c> and <c>/test/abc/</c>
/// match no route (404), where ASP.NET Core routing would ignore the slash. Only a catch-all
/// parameter (Werkzeug's <c>path</c> converter) takes a path that ends in a slash.
/// </summary>
public sealed class StrictSlashesMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    // After routing's own policies, so that the 405 candidates they add are judged too.
    public override int Order => 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        var path = httpContext.Request.Path.Value;
        if (path is not { Length: > 1 } || path[^1] != '/')
        {
            return Task.CompletedTask;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Endpoint is not RouteEndpoint { RoutePattern.Parameters: [.., { IsCatchAll: true }] })
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
