using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Scalar.AspNetCore;

namespace Api.OpenApi;

internal static class OpenApiExtensions
{
    public const string DocsPath = "/docs";

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        // The document describes numbers as this API writes them: numbers, never strings.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = SchemaReferenceId;
            options.AddSchemaTransformer<SchemaTransformer>();
            options.AddOperationTransformer<OperationTransformer>();
            options.AddDocumentTransformer<DocumentTransformer>();
        });
        return services;
    }

    /// <summary>The document at <c>/openapi/v1.json</c>, and interactive docs for people at <c>/docs</c>.</summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        // Neither counts against the rate limit: the docs page alone makes five requests.
        app.MapOpenApi().AnswerHeadLikeGet().DisableRateLimiting();
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle(DocumentTransformer.Title)
            // Nothing on the page may need the internet: the script comes from the package; fonts, agent, MCP, telemetry, hosted tools off.
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .ShowOperationId()
            // Every operation in the sidebar: closed, a tag lists none (a cost Scalar warns of on large documents only).
            .ExpandAllTags())
            .AnswerHeadLikeGet()
            .DisableRateLimiting();
        return app;
    }

    private static string? SchemaReferenceId(JsonTypeInfo typeInfo) => typeInfo.Type switch
    {
        var type when type.GetCustomAttribute<SchemaNameAttribute>() is { } name =>
            string.Format(CultureInfo.InvariantCulture, name.Format, [.. type.GenericTypeArguments.Select(JsonName)]),
        // An IFormCollection's items: the operation transformer describes such a form body itself.
        var type when type == typeof(KeyValuePair<string, StringValues>) => null,
        _ => OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo),
    };

    private static string JsonName(Type value) =>
        value == typeof(string) ? "String"
        : value == typeof(BigInteger) ? "Integer"
        : value == typeof(double) ? "Number"
        : value.IsArray ? JsonName(value.GetElementType()!) + "List"
        : value.Name;
}
