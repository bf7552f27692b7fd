using Microsoft.AspNetCore.Routing.Matching;

namespace Api.Werkzeug;

/// <summary>What makes the tutorial's controllers (<see cref="WerkzeugRulesAttribute"/>) route, bind and read forms as Werkzeug does.</summary>
internal static class WerkzeugExtensions
{
    /// <summary>Werkzeug's converters as route constraints, its matching rules and its form reading.</summary>
    public static IServiceCollection AddWerkzeugRouting(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<IntegerConverter>(IntegerConverter.Name);
            options.SetParameterPolicy<FloatConverter>(FloatConverter.Name);
            options.SetParameterPolicy<UuidConverter>(UuidConverter.Name);
            options.SetParameterPolicy<PathConverter>(PathConverter.Name);
            options.SetParameterPolicy<ListConverter>(ListConverter.Name);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, MatchingPolicy>());
        services.AddSingleton<FormFieldReader>();
        return services;
    }

    /// <summary>
    /// Routing on the path as Werkzeug decodes it: decoding must come first, so this calls
    /// <c>UseRouting</c> itself. The path is decoded for every request, since routing decides
    /// which controller takes it only afterwards.
    /// </summary>
    public static WebApplication UseWerkzeugRouting(this WebApplication app)
    {
        app.UseMiddleware<PathDecodingMiddleware>();
        app.UseRouting();
        return app;
    }
}
