namespace Api.Werkzeug;

/// <summary>
/// Marks the endpoints that route as Werkzeug does (the API's own routes, not the docs page
/// or the OpenAPI document, which keep ASP.NET Core's conventions).
/// </summary>
public sealed class WerkzeugRoutingMetadata
{
    public static readonly WerkzeugRoutingMetadata Instance = new();

    private WerkzeugRoutingMetadata()
    {
    }
}
