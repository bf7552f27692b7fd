using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Api.OpenApi;

/// <summary>
/// Drops component schemas that nothing references: those generated for parameters the
/// operation transformer described otherwise (the form echo's body).
/// </summary>
public sealed class UnusedSchemasTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Components?.Schemas is not { Count: > 0 } schemas)
        {
            return;
        }

        bool removed;
        do
        {
            var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
            var unused = schemas.Keys.Where(name => !json.Contains($"\"#/components/schemas/{name}\"", StringComparison.Ordinal)).ToList();
            unused.ForEach(name => schemas.Remove(name));
            removed = unused.Count > 0;
        }
        while (removed);
    }
}
