namespace Api.OpenApi;

/// <summary>An example body of an action's response in the OpenAPI document: JSON text, or the text of a text/plain answer.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ResponseExampleAttribute(int statusCode, string example) : Attribute
{
    public int StatusCode { get; } = statusCode;

    public string Example { get; } = example;
}
