using Api.Werkzeug;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Api.Tests.Support;

/// <summary>
/// A route of the API's controllers, as the app's own endpoint data source lists it: a request target it takes (each
/// parameter given the example its converter accepts), and the methods its actions take. Tests that walk these cover a
/// new endpoint without being edited.
/// </summary>
public sealed record ApiRoute(string Pattern, string Target, IReadOnlyList<string> Methods, bool DeclaresItsCaching)
{
    /// <summary>The Allow header of the route: its methods and OPTIONS, sorted.</summary>
    public string Allow => string.Join(", ", Methods.Append("OPTIONS").Distinct().Order(StringComparer.Ordinal));

    public override string ToString() => Target;

    /// <summary>The routes of the API's controller actions, one per route pattern.</summary>
    public static IReadOnlyList<ApiRoute> Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var constraints = services.GetRequiredService<IOptions<RouteOptions>>().Value.ConstraintMap;
        return [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .GroupBy(endpoint => endpoint.RoutePattern.RawText!, StringComparer.Ordinal)
            .Select(routes => new ApiRoute(
                routes.Key,
                TargetOf(routes.OrderBy(route => route.RoutePattern.Parameters.Count(p => p.ParameterPolicies.Count == 0)).First().RoutePattern, constraints),
                [.. routes.SelectMany(route => route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct().Order(StringComparer.Ordinal)],
                routes.All(route => route.Metadata.GetMetadata<ResponseCacheAttribute>() is not null)))];
    }

    private static string TargetOf(RoutePattern pattern, IDictionary<string, Type> constraints) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => ExampleOf(parameter, constraints),
            _ => throw new NotSupportedException($"A route part {part.PartKind} in {pattern.RawText}"),
        }))));

    // A parameter without a converter is Werkzeug's default converter: any segment; one with a number constraint, the first item's id.
    private static string ExampleOf(RoutePatternParameterPart parameter, IDictionary<string, Type> constraints) =>
        parameter.ParameterPolicies.Any(policy => policy.Content is "long" or "int") ? "1" : parameter.ParameterPolicies.Select(policy => policy.Content is { } name && constraints.TryGetValue(name, out var type) ? type : null)
            .Select(type => type is not null && typeof(WerkzeugConverter).IsAssignableFrom(type) ? ((WerkzeugConverter)Activator.CreateInstance(type)!).Schema.Example : null)
            .FirstOrDefault(example => example is not null) ?? WerkzeugConverter.DefaultSchema.Example;
}
