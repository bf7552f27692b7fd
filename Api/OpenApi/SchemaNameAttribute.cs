namespace Api.OpenApi;

/// <summary>A type's component name, where the default would not fit <c>^[a-zA-Z0-9.\-_]+$</c>; <c>{0}</c> is a generic's type argument.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SchemaNameAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}
