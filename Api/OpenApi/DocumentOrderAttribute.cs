namespace Api.OpenApi;

/// <summary>The operation's place among its tag's in the document (the tutorial's order); a path comes where its first operation does.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DocumentOrderAttribute(int place) : Attribute
{
    public int Place { get; } = place;
}
