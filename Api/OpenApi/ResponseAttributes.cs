namespace Api.OpenApi;

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
