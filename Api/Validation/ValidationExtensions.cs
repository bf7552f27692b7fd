using Api.Features.Exemple;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Api.Validation;

internal static class ValidationExtensions
{
    public const string ValidationDetail = "The form is missing a required field or holds an invalid value.";

    /// <summary>The validators (forms and settings), run on actions by one filter in place of <c>[ApiController]</c>'s.</summary>
    public static IServiceCollection AddValidation(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ExempleFormValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
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
            if (context.ProblemDetails is HttpValidationProblemDetails problem) problem.Detail ??= ValidationDetail;
        });
        return services;
    }
}
