using Api.Features.Exemple;
using FluentValidation;
using FluentValidation.AspNetCore;

namespace Api.Validation;

public static class ValidationExtensions
{
    public const string ValidationDetail = "The form is missing a required field or holds an invalid value.";

    /// <summary>
    /// Every FluentValidation validator of the API (forms and settings), and FluentValidation's
    /// auto-validation in MVC's model validation: an invalid form DTO is answered by
    /// <c>[ApiController]</c> with a 400 validation problem from MVC's ProblemDetailsFactory.
    /// </summary>
    public static IServiceCollection AddValidation(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ExempleFormValidator>(ServiceLifetime.Singleton);
        services.AddFluentValidationAutoValidation(configuration => configuration.DisableDataAnnotationsValidation = true);
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
