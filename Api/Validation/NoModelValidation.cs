using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Api.Validation;

/// <summary>
/// MVC's own model validation, switched off: FluentValidation validates the form DTOs
/// (<see cref="FluentValidationFilter"/>), and MVC's core has no DataAnnotations, so its walk over
/// every bound argument found nothing, yet built a visitor, a validation state and ModelState
/// entries for each one (6 % of POST /exemple's throughput, docs/performance.md).
/// </summary>
public sealed class NoModelValidation : IObjectModelValidator
{
    public void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string prefix, object? model)
    {
    }
}
