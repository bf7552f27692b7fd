namespace Api.OpenApi;

/// <summary>An example body of an action's response in the OpenAPI document: JSON text, or the text of a text/plain answer.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ResponseExampleAttribute(int statusCode, string example) : Attribute
{
    public int StatusCode { get; } = statusCode;
    public string Example { get; } = example;
}

/// <summary>A header the action's answer of <paramref name="statusCode"/> carries (one of <see cref="SharedHeader"/>'s), beyond those every answer of its kind has.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ResponseHeaderAttribute(int statusCode, string name) : Attribute
{
    public int StatusCode { get; } = statusCode;
    public string Name { get; } = name;
}

/// <summary>OpenAPI links from the action's answer of <paramref name="statusCode"/> to the operations that take its
/// <paramref name="parameter"/> from the answer's member of the same name, so that tools can chain the calls.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ResponseLinksAttribute(int statusCode, string parameter, params string[] operationIds) : Attribute
{
    public int StatusCode { get; } = statusCode;
    public string Parameter { get; } = parameter;

    public IReadOnlyList<string> OperationIds { get; } = operationIds;
}
