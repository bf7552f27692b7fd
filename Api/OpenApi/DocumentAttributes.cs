namespace Api.OpenApi;

/// <summary>The operation's place among its tag's in the document (the tutorial's order); a path comes where its first operation does.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DocumentOrderAttribute(int place) : Attribute
{
    public int Place { get; } = place;
}

/// <summary>A field the document names in a form of any text fields, so that generators give clients a property to set.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class DocumentedFormFieldAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
}

/// <summary>A type's component name, where the default would not fit <c>^[a-zA-Z0-9.\-_]+$</c>; <c>{0}</c> is a generic's type argument.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SchemaNameAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}

/// <summary>An example body: JSON text, or the text of a text/plain answer.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ResponseExampleAttribute(int statusCode, string example) : Attribute
{
    public int StatusCode { get; } = statusCode;
    public string Example { get; } = example;
}

/// <summary>A header (one of <see cref="SharedHeader"/>'s) the answer carries beyond those every answer of its kind has.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ResponseHeaderAttribute(int statusCode, string name) : Attribute
{
    public int StatusCode { get; } = statusCode;
    public string Name { get; } = name;
}

/// <summary>OpenAPI links to the operations that take <paramref name="parameter"/> from the answer's member of that name.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ResponseLinksAttribute(int statusCode, string parameter, params string[] operationIds) : Attribute
{
    public int StatusCode { get; } = statusCode;
    public string Parameter { get; } = parameter;
    public IReadOnlyList<string> OperationIds { get; } = operationIds;
}
