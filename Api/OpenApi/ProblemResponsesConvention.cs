using Api.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Api.OpenApi;

/// <summary>
/// Declares the problem responses every action can give, so that ApiExplorer (and the OpenAPI
/// document) lists them: 405 on every route (another method), 404 where a path parameter may not
/// convert, and 413 where a body is read.
/// </summary>
public sealed class ProblemResponsesConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Add(action, StatusCodes.Status405MethodNotAllowed);
        if (action.Selectors.Any(s => s.AttributeRouteModel?.Template?.Contains('{', StringComparison.Ordinal) == true))
        {
            Add(action, StatusCodes.Status404NotFound);
        }

        if (action.Selectors.SelectMany(s => s.ActionConstraints.OfType<HttpMethodActionConstraint>()).Any(c => c.HttpMethods.Contains(HttpMethods.Post)))
        {
            Add(action, StatusCodes.Status413PayloadTooLarge);
        }
    }

    private static void Add(ActionModel action, int status) =>
        action.Filters.Add(new ProducesResponseTypeAttribute<ProblemDetails>(status, MediaTypes.ProblemJson));
}
