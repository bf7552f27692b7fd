namespace Api.Werkzeug;

/// <summary>Marks the endpoints routed as Werkzeug routes (the API's own, not the docs page or the document).</summary>
internal sealed class WerkzeugRoutingMetadata
{
    public static readonly WerkzeugRoutingMetadata Instance = new();
}
