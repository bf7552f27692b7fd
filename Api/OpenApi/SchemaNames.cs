using System.Text.Json.Serialization.Metadata;

namespace Api.OpenApi;

/// <summary>Component names that read well and fit OpenAPI's <c>^[a-zA-Z0-9.\-_]+$</c>.</summary>
internal static class SchemaNames
{
    public static string? For(JsonTypeInfo typeInfo)
    {
        var type = typeInfo.Type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ConversionResponse<>))
        {
            return "ConversionOf" + ValueName(type.GenericTypeArguments[0]);
        }

        // An IFormCollection's items: the operation transformer describes such a form body itself.
        if (type == typeof(KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>)) return null;

        return OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
    }

    private static string ValueName(Type value) =>
        value == typeof(string) ? "String"
        : value == typeof(BigInteger) ? "Integer"
        : value == typeof(double) ? "Number"
        : value == typeof(string[]) ? "StringList"
        : value.Name;
}
