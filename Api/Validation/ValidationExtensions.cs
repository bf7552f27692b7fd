using Api.Features.Exemple;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Api.Validation;

public static class ValidationExtensions
{
    public const string ValidationDetail = "The form is missing a required field or holds an invalid value.";

    /// <summary>
    /// Every FluentValidation validator of the API (forms and settings), run on MVC's actions by one
    /// global filter that answers an invalid model as <c>[ApiController]</c> would, in its place.
    /// </summary>
    public static IServiceCollection AddValidation(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ExempleFormValidator>(ServiceLifetime.Singleton);
        services.AddSingleton<FluentValidationFilter>();
        services.AddOptions<MvcOptions>().Configure<FluentValidationFilter>((options, filter) => options.Filters.Add(filter));
        services.AddSingleton<IObjectModelValidator, NoModelValidation>();
        services.Configure<ApiBehaviorOptions>(options =>
        {
            options.SuppressModelStateInvalidFilter = true;
            // Every error answer without a body already becomes a problem in UseStatusCodePages.
            options.SuppressMapClientErrors = true;
        });
        services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails += context =>
        {
            if (context.ProblemDetails is HttpValidationProblemDetails problem)
            {
                problem.Detail ??= ValidationDetail;
            }
        });
        return services;
    }
}
