using Api.Limits;
using Api.Problems;
using Api.Validation;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Api.Forms;

/// <summary>
/// Gives every action that reads a form from the body what only such actions need: the request
/// timeout, FluentValidation of its form DTOs, and 4xx answers for unreadable bodies. Actions
/// that read no body run without these filters.
/// </summary>
public sealed class FormActionsConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!action.Parameters.Any(parameter => FormModelBinderProvider.BindsFromForm(parameter.ParameterType)))
        {
            return;
        }

        action.Filters.Add(new ServiceFilterAttribute(typeof(FluentValidationFilter)));
        action.Filters.Add(new ServiceFilterAttribute(typeof(BadRequestExceptionFilter)));
        foreach (var selector in action.Selectors)
        {
            selector.EndpointMetadata.Add(new RequestTimeoutAttribute(LimitsExtensions.BodyReadingPolicy));
        }
    }
}
