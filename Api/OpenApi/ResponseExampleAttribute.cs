namespace Api.OpenApi;

/// <summary>An example body for one of an action's responses, shown in the OpenAPI document.</summary>
/// <param name="statusCode">The response status the example belongs to.</param>
/// <param name="example">The body: JSON text for JSON responses, the text itself for text/plain.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResponseExampleAttribute(int statusCode, string example) : Attribute
{
    public int StatusCode { get; } = statusCode;

    public string Example { get; } = example;
}
