namespace Api.OpenApi;

/// <summary>The operation's place among its tag's in the OpenAPI document, whose paths every tool lists in order: the
/// tutorial's order, <c>GET /</c> first. A path comes where its first operation does.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DocumentOrderAttribute(int place) : Attribute
{
    public int Place { get; } = place;
}
