using Api.Forms;
using Api.Limits;
using Api.OpenApi;
using Api.Problems;
using Api.Validation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Api.Routes;

public static class RoutingExtensions
{
    public static IServiceCollection AddTutorialControllers(this IServiceCollection services)
    {
        services.AddControllers(options =>
        {
            options.ModelBinderProviders.Insert(0, new FormModelBinderProvider());
            // Forms are read by IFormFieldReader with Flask's rules; MVC's own form value
            // providers would read (and consume) the body first, with case-insensitive keys.
            options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            options.Filters.AddService<FluentValidationFilter>();
            options.Filters.AddService<BadRequestExceptionFilter>();
            options.Conventions.Add(new HeadFollowsGetConvention());
            options.Conventions.Add(new DocumentedControllersConvention());
            options.Conventions.Add(new ProblemResponsesConvention());
            options.Conventions.Add(new BodyReadingActionsConvention());
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, WerkzeugMatchingPolicy>());
        return services;
    }

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
