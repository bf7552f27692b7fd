namespace Api.OpenApi;

/// <summary>A type's component name in the OpenAPI document, where the default would not read well or fit OpenAPI's
/// <c>^[a-zA-Z0-9.\-_]+$</c>. For a generic type, <c>{0}</c> stands for its type argument as JSON names it
/// (<c>String</c>, <c>Integer</c>, <c>Number</c>, <c>StringList</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SchemaNameAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}
