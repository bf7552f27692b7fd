using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Api.OpenApi;

internal static class SchemaNames
{
    public static string? For(JsonTypeInfo typeInfo) => typeInfo.Type switch
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
