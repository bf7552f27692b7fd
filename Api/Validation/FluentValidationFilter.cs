using System.Collections.Concurrent;
using Api.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Api.Validation;

/// <summary>
/// Validates every action argument that has a FluentValidation validator before the action runs.
/// A failure answers 400 problem+json whose <c>errors</c> are keyed by the field names clients
/// send (the DTO property's binding name), not by C# property names.
/// </summary>
public sealed class FluentValidationFilter(IServiceProvider services, IModelMetadataProvider metadata) : IAsyncActionFilter
{
    private static readonly ConcurrentDictionary<Type, Type> ValidatorTypes = new();

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is null
                || services.GetService(ValidatorTypes.GetOrAdd(argument.GetType(), t => typeof(IValidator<>).MakeGenericType(t))) is not IValidator validator)
            {
                continue;
            }

            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                context.Result = new ProblemResult(ProblemFactory.Validation(ErrorsByFieldName(argument.GetType(), result.Errors)));
                return;
            }
        }

        await next();
    }

    private Dictionary<string, string[]> ErrorsByFieldName(Type modelType, IEnumerable<FluentValidation.Results.ValidationFailure> failures) =>
        failures
            .GroupBy(failure => FieldName(modelType, failure.PropertyName), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).ToArray(), StringComparer.Ordinal);

    private string FieldName(Type modelType, string propertyName) =>
        modelType.GetProperty(propertyName) is null
            ? propertyName
            : metadata.GetMetadataForProperty(modelType, propertyName).BinderModelName ?? propertyName;
}
