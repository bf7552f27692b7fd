using Api.Forms;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Api.Limits;

/// <summary>Puts the request timeout on every action that reads a form from the body.</summary>
public sealed class BodyReadingActionsConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!action.Parameters.Any(parameter => FormModelBinderProvider.BindsFromForm(parameter.ParameterType)))
        {
            return;
        }

        foreach (var selector in action.Selectors)
        {
            selector.EndpointMetadata.Add(new RequestTimeoutAttribute(LimitsExtensions.BodyReadingPolicy));
        }
    }
}
