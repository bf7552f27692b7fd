using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace Api.Routes;

/// <summary>
/// Every route that answers GET also answers HEAD, as Werkzeug adds HEAD to every GET rule.
/// The results write no body for HEAD, and the status and headers stay those of GET.
/// </summary>
public sealed class HeadFollowsGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var selector in action.Selectors)
        {
            var constraint = selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault();
            if (constraint is null
                || !constraint.HttpMethods.Contains(HttpMethods.Get)
                || constraint.HttpMethods.Contains(HttpMethods.Head))
            {
                continue;
            }

            string[] methods = [.. constraint.HttpMethods, HttpMethods.Head];
            selector.ActionConstraints[selector.ActionConstraints.IndexOf(constraint)] = new HttpMethodActionConstraint(methods);
            var metadata = selector.EndpointMetadata.OfType<HttpMethodMetadata>().FirstOrDefault();
            if (metadata is not null)
            {
                selector.EndpointMetadata[selector.EndpointMetadata.IndexOf(metadata)] = new HttpMethodMetadata(methods);
            }
        }
    }
}
