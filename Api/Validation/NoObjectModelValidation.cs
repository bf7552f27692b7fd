using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Api.Validation;

/// <summary>
/// Turns off MVC's DataAnnotations validation of bound arguments: FluentValidation validates the
/// form DTOs (<see cref="FluentValidationFilter"/>), and nothing else has rules, so the walk over
/// every argument and its ModelState bookkeeping would be work without effect.
/// </summary>
public sealed class NoObjectModelValidation : IObjectModelValidator
{
    public void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string prefix, object? model)
    {
    }
}
