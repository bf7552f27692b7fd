namespace Api.OpenApi;

/// <summary>A field the document names in a form of any text fields, so that generators give clients a property to set.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class DocumentedFormFieldAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
}
