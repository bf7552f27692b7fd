using Microsoft.AspNetCore.Routing.Matching;

namespace Api.Werkzeug;

/// <summary>What makes the tutorial's controllers (<see cref="WerkzeugRulesAttribute"/>) route, bind and read forms as Werkzeug does.</summary>
internal static class WerkzeugExtensions
{
    /// <summary>Werkzeug's converters as route constraints, its matching rules and its form reading.</summary>
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

    /// <summary>
    /// The path as Werkzeug decodes it, for routing, which comes next. Every path is decoded, since routing decides which
    /// controller takes it only afterwards.
    /// </summary>
    public static IApplicationBuilder UseWerkzeugPaths(this IApplicationBuilder app) => app.Use(DecodePath);

    /// <summary>
    /// Every escape decoded, <c>%2F</c> included, invalid UTF-8 as U+FFFD and dot segments kept, as Werkzeug decodes
    /// a path, where Kestrel keeps <c>%2F</c> and removes dot segments.
    /// </summary>
    private static Task DecodePath(HttpContext context, RequestDelegate next)
    {
        if (RawPath(context.Features.Get<IHttpRequestFeature>()?.RawTarget) is { } rawPath
            && (rawPath.Contains('%', StringComparison.Ordinal) || rawPath.Contains("/.", StringComparison.Ordinal)))
        {
            context.Request.Path = new PathString(PercentDecoder.Decode(Encoding.Latin1.GetBytes(rawPath), plusIsSpace: false));
        }

        return next(context);
    }

    /// <summary>The path of an origin-form or absolute-form target, as sent; null for the other forms.</summary>
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
