using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Api.Werkzeug;

/// <summary>Everything that makes the API route, bind and answer as the tutorial's Werkzeug does.</summary>
internal static class WerkzeugExtensions
{
    /// <summary>Werkzeug's converters, matching rules, HEAD for every GET and form reading, for MVC's controllers.</summary>
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
        // After MVC's own setup, which adds the value providers removed here.
        services.PostConfigure<MvcOptions>(options =>
        {
            options.Conventions.Add(new WerkzeugRuleConvention());
            options.ModelBinderProviders.Insert(0, new FormModelBinderProvider());
            options.ModelBinderProviders.Insert(0, new RouteValueBinder());
            // Nothing binds from MVC's value providers: route values bind through RouteValueBinder and
            // forms through FormModelBinderProvider. MVC's form value providers would read (and
            // consume) the body first, with case-insensitive keys; Flask never reads the query string.
            options.ValueProviderFactories.Clear();
        });
        return services;
    }

    /// <summary>
    /// HEAD answers without a body, the path decoded as Werkzeug decodes it, routing on that path
    /// (so decoding cannot come after it), and an automatic OPTIONS endpoint beside every route.
    /// </summary>
    public static WebApplication UseWerkzeugRouting(this WebApplication app)
    {
        app.Use(DiscardHeadBodies);
        app.UseMiddleware<PathDecodingMiddleware>();
        app.UseRouting();
        IEndpointRouteBuilder routes = app;
        routes.DataSources.Add(new AutomaticOptionsEndpointDataSource(routes.DataSources));
        return app;
    }

    /// <summary>
    /// Answers HEAD with the status and headers GET gives, Content-Length included, and no body:
    /// whatever is written afterwards, error answers of outer middleware included, goes nowhere.
    /// Kestrel drops a HEAD body itself; the in-memory test server does not.
    /// </summary>
    private static Task DiscardHeadBodies(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, context.Features.GetRequiredFeature<IHttpResponseBodyFeature>()));
        }

        return next(context);
    }
}
