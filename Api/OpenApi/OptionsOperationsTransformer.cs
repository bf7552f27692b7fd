namespace Api.OpenApi;

/// <summary>The OPTIONS operation of every path (<see cref="AutomaticOptionsEndpointDataSource"/>), unseen by the API explorer.</summary>
internal sealed class OptionsOperationsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, item) in document.Paths)
        {
            if (item.Operations is not { Count: > 0 } operations) continue;

            var allow = AutomaticOptionsEndpointDataSource.AllowHeader(operations.Keys.Select(method => method.Method));
            var first = operations.Values.First();
            var responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = $"An empty body, and `Allow: {allow}`." },
                ["204"] = new OpenApiResponse { Description = $"A CORS preflight while `Cors:AllowedOrigins` is set: no body; to an allowed origin, `Access-Control-Allow-*` headers with the methods `{allow}`." },
                ["400"] = new OpenApiResponse { Description = ErrorResponsesConvention.UnreadableRequest, Content = first.Responses?["405"]?.Content },
            };
            foreach (var status in new[] { "404", "414", "429", "431", "500" })
            {
                if (first.Responses?.GetValueOrDefault(status) is { } response) responses[status] = response;
            }

            var options = new OpenApiOperation
            {
                OperationId = "options" + char.ToUpperInvariant(first.OperationId![0]) + first.OperationId[1..],
                Summary = $"The methods {path} takes",
                Description = $"Answers 200 with an empty body and `Allow: {allow}`, as every path does.",
                Tags = first.Tags,
                Parameters = first.Parameters?.Where(parameter => parameter.In == ParameterLocation.Path).ToList(),
                Responses = responses,
            };
            OperationTransformer.AddHeader(options, StatusCodes.Status200OK, HeaderNames.Allow, "The methods the path takes, comma-separated.");
            operations[HttpMethod.Options] = options;
        }

        return Task.CompletedTask;
    }
}
