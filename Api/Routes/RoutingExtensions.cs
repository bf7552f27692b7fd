using Api.Forms;
using Api.Limits;
using Api.OpenApi;
using Api.Problems;
using Api.Routes.Invocation;
using Api.Validation;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Api.Routes;

public static class RoutingExtensions
{
    public static IServiceCollection AddTutorialControllers(this IServiceCollection services)
    {
        // MVC's core and the API explorer (for the OpenAPI document) only: AddControllers would
        // also register authorization, CORS and DataAnnotations, which put authentication and
        // authorization middleware on every request and load their assemblies at start.
        services.AddMvcCore(options =>
        {
            options.ModelBinderProviders.Insert(0, new FormModelBinderProvider());
            // Forms are read by IFormFieldReader with Flask's rules; MVC's own form value
            // providers would read (and consume) the body first, with case-insensitive keys.
            options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            // Nothing binds from the query string, which Flask's routes never read either.
            options.ValueProviderFactories.RemoveType<QueryStringValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
            options.Conventions.Add(new HeadFollowsGetConvention());
            options.Conventions.Add(new DocumentedControllersConvention());
            options.Conventions.Add(new ProblemResponsesConvention());
            options.Conventions.Add(new FormActionsConvention());
            // Invokers come from IActionInvokerFactory, so the direct invoker can run the actions.
            options.EnableActionInvokers = true;
        }).AddApiExplorer();
        services.AddSingleton(new ServiceLifetimes(services));
        services.Decorate<IActionInvokerFactory>((mvc, provider) => new DirectActionInvokerFactory(
            mvc, provider.GetRequiredService<ArgumentValidator>(), provider, provider.GetRequiredService<ServiceLifetimes>()));
        services.Replace(ServiceDescriptor.Singleton<IObjectModelValidator, NoObjectModelValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, WerkzeugMatchingPolicy>());
        return services;
    }

    public static IApplicationBuilder UseServerWideRequests(this IApplicationBuilder app) =>
        app.UseMiddleware<ServerWideRequestMiddleware>();

    public static IApplicationBuilder UseWerkzeugPathDecoding(this IApplicationBuilder app) =>
        app.UseMiddleware<WerkzeugPathDecodingMiddleware>();

    public static WebApplication MapTutorialControllers(this WebApplication app)
    {
        IEndpointRouteBuilder routes = app;
        app.MapControllers().WithMetadata(WerkzeugRoutingMetadata.Instance);
        routes.DataSources.Add(new AutomaticOptionsEndpointDataSource([.. routes.DataSources]));
        return app;
    }
}
