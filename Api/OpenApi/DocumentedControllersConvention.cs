using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Api.OpenApi;

/// <summary>
/// Puts every controller in ApiExplorer, hence in the OpenAPI document. Without
/// <c>[ApiController]</c> (see the README) controllers are left out unless they opt in.
/// </summary>
public sealed class DocumentedControllersConvention : IControllerModelConvention
{
    public void Apply(ControllerModel controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        controller.ApiExplorer.IsVisible ??= true;
    }
}
