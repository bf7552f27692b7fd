using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Api.Validation;

/// <summary>
/// MVC's model validation, off: FluentValidation validates the forms, and MVC's core has no
/// DataAnnotations to find, yet walked every argument (6 % of POST /exemple, docs/performance.md).
/// </summary>
internal sealed class NoModelValidation : IObjectModelValidator
{
    public void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string prefix, object? model) { }
}
