using System.Collections.Concurrent;
using Api.Problems;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Api.Validation;

/// <summary>
/// Validates an action argument with its FluentValidation validator, if it has one. A failure
/// becomes a 400 validation problem whose <c>errors</c> are keyed by the field names clients
/// send (the DTO property's binding name, such as <c>param1</c>), not by C# property names.
/// </summary>
public sealed class ArgumentValidator(IServiceProvider services, IModelMetadataProvider metadata)
{
    private readonly ConcurrentDictionary<Type, IValidator?> _validators = new();

    /// <summary>Whether arguments of this type are validated.</summary>
    public bool HasValidator(Type argumentType) => ValidatorFor(argumentType) is not null;

    /// <summary>The problem to answer with, or null when the argument is valid or has no validator.</summary>
    public async ValueTask<ValidationProblemDetails?> ValidateAsync(object argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (ValidatorFor(argument.GetType()) is not { } validator)
        {
            return null;
        }

        var result = await validator.ValidateAsync(new ValidationContext<object>(argument), cancellationToken);
        return result.IsValid ? null : ProblemFactory.Validation(ErrorsByFieldName(argument.GetType(), result.Errors));
    }

    private IValidator? ValidatorFor(Type argumentType) =>
        _validators.GetOrAdd(argumentType, type => services.GetService(typeof(IValidator<>).MakeGenericType(type)) as IValidator);

    private Dictionary<string, string[]> ErrorsByFieldName(Type modelType, IEnumerable<ValidationFailure> failures) =>
        failures
            .GroupBy(failure => FieldName(modelType, failure.PropertyName), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).ToArray(), StringComparer.Ordinal);

    private string FieldName(Type modelType, string propertyName) =>
        modelType.GetProperty(propertyName) is null
            ? propertyName
            : metadata.GetMetadataForProperty(modelType, propertyName).BinderModelName ?? propertyName;
}
