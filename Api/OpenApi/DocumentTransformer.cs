using System.Text.Json.Nodes;

namespace Api.OpenApi;

internal sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    public const string Title = "Flask tutorial API";
    public const string HeadOk = nameof(HeadOk);

    private const string Description =
        "The web API of the French Flask tutorial « Python : Comment faire une api web avec Flask », served by ASP.NET Core. " +
        "It answers as the tutorial's Flask app does, with these guarantees:\n\n" +
        "- every GET operation also answers HEAD, with the same status and headers and no body;\n" +
        "- every path answers OPTIONS with 200, an empty body and an `Allow` header;\n" +
        "- a method a path does not take is 405, with `Allow` naming the methods it takes, and an unknown path or a trailing slash is 404: " +
        "answers of no operation, both problems;\n" +
        "- every error the API writes is an RFC 9457 problem (`application/problem+json`); the server's refusals, before the API runs, have no body.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        Describe(document);
        AddHeadAndOptionsOperations(document);
        Arrange(document);
        return Task.CompletedTask;
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = "1.0.0",
            Description = Description,
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
            Contact = new OpenApiContact { Name = "The maintainers of the Flask tutorial API" },
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The origin that serves this document; a generated client is given the API's base URL." }];
        // `security: []` says every operation is public; the writer leaves an empty list out, hence a raw extension.
        (document.Extensions ??= new Dictionary<string, IOpenApiExtension>())["security"] = new JsonNodeExtension(new JsonArray());
        document.Tags = new HashSet<OpenApiTag>(ApiTags.Descriptions.Select(tag => new OpenApiTag
        {
            Name = tag.Key,
            Description = tag.Value,
            Extensions = tag.Key == ApiTags.AutomaticMethods ? new Dictionary<string, IOpenApiExtension> { ["x-scalar-ignore"] = new JsonNodeExtension(JsonValue.Create(true)) } : null,
        }));
    }

    private static void AddHeadAndOptionsOperations(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths)
        {
            if (item.Operations is not { Count: > 0 } operations) continue;
            if (operations.ContainsKey(HttpMethod.Head)) operations[HttpMethod.Head] = HeadOf(operations[HttpMethod.Get], document);
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
    }

    // RFC 9110 §9.3.2: its GET's 200 and 400 without the body, and GET's other statuses as its default.
    private static OpenApiOperation HeadOf(OpenApiOperation get, OpenApiDocument document)
    {
        var ok = get.Responses!["200"];
        var badRequest = get.Responses["400"];
        return new OpenApiOperation
        {
            OperationId = "head" + char.ToUpperInvariant(get.OperationId![0]) + get.OperationId[1..],
            Summary = $"{get.Summary} (headers only)",
            Description = "As GET, with the same conditions, without the body.",
            Tags = new HashSet<OpenApiTagReference> { new(ApiTags.AutomaticMethods, document) },
            // The GET's conditions, shared parameters, are not repeated: the GET says HEAD takes them.
            Parameters = get.Parameters?.Where(parameter => parameter is not OpenApiParameterReference).ToList() is { Count: > 0 } own ? own : null,
            Responses = new OpenApiResponses
            {
                ["200"] = get.Metadata?.TryGetValue(HeadOk, out var head) == true ? ((SharedResponse)head).Reference(document) : new OpenApiResponse { Description = ok.Description, Headers = ok.Headers },
                // A HEAD answers no problem body: its 400 is GET's where that has none, else says it is GET's, without it.
                ["400"] = badRequest is OpenApiResponseReference { Reference.Id: SharedResponse.BadRequestName } ? badRequest : new OpenApiResponse { Description = "GET's 400, without the body." },
                ["default"] = SharedResponse.HeadOther.Reference(document),
            },
        };
    }

    private static void Arrange(OpenApiDocument document)
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
