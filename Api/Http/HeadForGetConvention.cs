namespace Api.Http;

/// <summary>
/// Every GET also answers HEAD, as Werkzeug's routes do: MVC's actions here (so that the API explorer, and with it the
/// document, sees HEAD too), any other endpoint through <see cref="HeadForGetExtensions.AnswerHeadLikeGet"/>.
/// </summary>
internal sealed class HeadForGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            if (selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault() is { } constraint
                && WithHead(constraint.HttpMethods) is { } methods)
            {
                selector.ActionConstraints[selector.ActionConstraints.IndexOf(constraint)] = new HttpMethodActionConstraint(methods);
                if (selector.EndpointMetadata.OfType<HttpMethodMetadata>().FirstOrDefault() is { } metadata)
                {
                    selector.EndpointMetadata[selector.EndpointMetadata.IndexOf(metadata)] = new HttpMethodMetadata(methods);
                }
            }
        }
    }

    public static string[]? WithHead(IEnumerable<string> methods) =>
        methods.Contains(HttpMethods.Get) && !methods.Contains(HttpMethods.Head) ? [.. methods, HttpMethods.Head] : null;
}

internal static class HeadForGetExtensions
{
    /// <summary>Endpoints mapped outside MVC (the document, the docs page, the metrics) answer HEAD where they answer GET.</summary>
    public static TBuilder AnswerHeadLikeGet<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoints.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } metadata
                && HeadForGetConvention.WithHead(metadata.HttpMethods) is { } methods)
            {
                endpoint.Metadata.Add(new HttpMethodMetadata(methods));
            }
        });
        return endpoints;
    }
}
