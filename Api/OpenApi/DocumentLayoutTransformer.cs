namespace Api.OpenApi;

/// <summary>Paths in the tutorial's order, answers by status, path parameters once on the path, components by name.</summary>
internal sealed class DocumentLayoutTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var item in document.Paths.Values.OfType<OpenApiPathItem>())
        {
            if (item.Operations is not { } byMethod) continue;
            foreach (var operation in byMethod.Values.Where(operation => operation.Responses is not null))
            {
                var byStatus = new OpenApiResponses();
                foreach (var (status, response) in operation.Responses!.OrderBy(response => response.Key, StringComparer.Ordinal)) byStatus[status] = response;
                operation.Responses = byStatus;
            }

            var operations = byMethod.Values;
            var pathParameters = operations.SelectMany(operation => operation.Parameters ?? []).Where(parameter => parameter.In == ParameterLocation.Path)
                .DistinctBy(parameter => parameter.Name).ToList();
            if (pathParameters.Count == 0) continue;
            item.Parameters = pathParameters;
            foreach (var operation in operations)
                operation.Parameters = operation.Parameters?.Where(parameter => parameter.In != ParameterLocation.Path).ToList() is { Count: > 0 } others ? others : null;
        }

        document.Paths = InOrder(document.Paths);
        if (document.Components is { } components)
        {
            components.Responses = Sorted(components.Responses);
            components.Headers = Sorted(components.Headers);
            components.Parameters = Sorted(components.Parameters);
        }

        return Task.CompletedTask;
    }

    private static OpenApiPaths InOrder(OpenApiPaths paths)
    {
        var tags = ApiTags.Descriptions.Keys.ToList();
        var ordered = new OpenApiPaths();
        foreach (var (path, item) in paths.OrderBy(path => Place(path.Value, tags))) ordered[path] = item;
        return ordered;
    }

    private static (int Tag, int Place) Place(IOpenApiPathItem item, List<string> tags)
    {
        var first = item.Operations?.Values.FirstOrDefault();
        var tag = first?.Tags?.FirstOrDefault()?.Name is { } name ? tags.IndexOf(name) : tags.Count;
        return (tag, first?.Metadata?.TryGetValue(nameof(DocumentOrderAttribute), out var place) == true ? (int)place : int.MaxValue);
    }

    private static Dictionary<string, T>? Sorted<T>(IDictionary<string, T>? components) =>
        components?.OrderBy(component => component.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
}
