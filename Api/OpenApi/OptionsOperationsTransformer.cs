namespace Api.OpenApi;

// The API explorer does not see AutomaticOptionsEndpointDataSource's endpoints.
internal sealed class OptionsOperationsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, item) in document.Paths)
        {
            if (item.Operations is not { Count: > 0 } operations) continue;
            var allow = AutomaticOptionsEndpointDataSource.AllowHeader(operations.Keys.Select(method => method.Method));
            var first = operations.FirstOrDefault(operation => operation.Key != HttpMethod.Head).Value ?? operations.Values.First();
            var responses = new OpenApiResponses
            {
                ["200"] = SharedResponse.Options.Reference(document),
                ["204"] = SharedResponse.Preflight.Reference(document),
                ["400"] = SharedResponse.BadRequest.Reference(document),
                ["default"] = SharedResponse.Refused.Reference(document),
            };
            // The errors of the path's other operations that do not depend on the method.
            foreach (var (status, response) in first.Responses?.Where(response => response.Key is "404" or "429" or "500") ?? []) responses[status] = response;

            operations[HttpMethod.Options] = new OpenApiOperation
            {
                OperationId = "options" + char.ToUpperInvariant(first.OperationId![0]) + first.OperationId[1..],
                Summary = $"The methods {path} takes",
                Description = $"`Allow: {allow}`.",
                Tags = new HashSet<OpenApiTagReference> { new(ApiTags.AutomaticMethods, document) },
                Responses = responses,
            };
        }

        return Task.CompletedTask;
    }
}
