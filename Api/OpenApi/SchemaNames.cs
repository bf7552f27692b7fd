using System.Text.Json.Serialization.Metadata;

namespace Api.OpenApi;

/// <summary>Component names that read well and fit OpenAPI's <c>^[a-zA-Z0-9.\-_]+$</c>.</summary>
internal static class SchemaNames
{
    public static string? For(JsonTypeInfo typeInfo) => typeInfo.Type switch
    {
        { IsGenericType: true } type when type.GetGenericTypeDefinition() == typeof(ConversionResponse<>) =>
            "ConversionOf" + ValueName(type.GenericTypeArguments[0]),
        // An IFormCollection's items: the operation transformer describes such a form body itself.
        var type when type == typeof(KeyValuePair<string, StringValues>) => null,
        _ => OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo),
    };

    private static string ValueName(Type value) =>
        value == typeof(string) ? "String"
        : value == typeof(BigInteger) ? "Integer"
        : value == typeof(double) ? "Number"
        : value == typeof(string[]) ? "StringList"
        : value.Name;
}
