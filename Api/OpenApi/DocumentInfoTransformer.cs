using System.Text.Json.Nodes;

namespace Api.OpenApi;

internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public const string Title = "Flask tutorial API";

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
        document.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        document.Extensions["security"] = new JsonNodeExtension(new JsonArray());
        document.Tags = new HashSet<OpenApiTag>(ApiTags.Descriptions.Select(tag => new OpenApiTag
        {
            Name = tag.Key,
            Description = tag.Value,
            Extensions = tag.Key == ApiTags.AutomaticMethods ? new Dictionary<string, IOpenApiExtension> { ["x-scalar-ignore"] = new JsonNodeExtension(JsonValue.Create(true)) } : null,
        }));
        return Task.CompletedTask;
    }
}
