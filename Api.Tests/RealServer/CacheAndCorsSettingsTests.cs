namespace Api.Tests.RealServer;

/// <summary>
/// <c>Caching:CacheControl</c> and <c>Cors:AllowedOrigins</c> on the real process, over the wire: a 304 from
/// Kestrel carries the ETag and the configured Cache-Control and nothing of a body; an allowed origin gets
/// its CORS headers and its preflight, another origin none.
/// </summary>
[NonParallelizable]
public sealed class CacheAndCorsSettingsTests : ApiProcessTestBase
{
    private const string Origin = "http://app.test:8080";
    protected override Task<ApiProcess> StartAsync() =>
        ApiProcess.StartListeningAsync(("Caching__CacheControl", "no-cache"), ("Cors__AllowedOrigins__0", Origin));

    private Task<ApiResponse> SendAsync(string method, string target, params (string Name, string Value)[] headers) =>
        Server.SendAsync(new ApiRequest(method, target) { Headers = [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))] });

    [Test]
    [Setting("Caching:CacheControl")]
    public async Task A_revalidation_is_a_bodiless_304_with_the_etag_and_the_configured_cache_control()
    {
        var first = await SendAsync("GET", "/convert/path/a/b/");
        var etag = first.Headers.ETag.ToString();

        var get = await SendAsync("GET", "/convert/path/a/b/", ("If-None-Match", etag));
        var head = await SendAsync("HEAD", "/convert/path/a/b/", ("If-None-Match", etag));

        Assert.That((first.Status, first.Headers.CacheControl.ToString()), Is.EqualTo((200, "no-cache")));
        foreach (var response in new[] { get, head })
        {
            Assert.That((response.Status, response.Headers.ETag.ToString(), response.Headers.CacheControl.ToString()), Is.EqualTo((304, etag, "no-cache")));
            Assert.That(response.Headers.Keys, Has.None.EqualTo("Content-Length").And.None.EqualTo("Content-Type").And.None.EqualTo("Transfer-Encoding"));
        }
    }

    [Test]
    [Setting("Cors:AllowedOrigins")]
    public async Task The_allowed_origin_gets_its_cors_headers_and_preflights_another_origin_none()
    {
        var allowed = await SendAsync("GET", "/test/1", ("Origin", Origin));
        var preflight = await SendAsync("OPTIONS", "/test/1", ("Origin", Origin), ("Access-Control-Request-Method", "GET"));
        var other = await SendAsync("GET", "/test/1", ("Origin", "http://other.test"));

        Assert.That((allowed.Status, allowed.Headers.AccessControlAllowOrigin.ToString(), allowed.Headers.Vary.ToString()), Is.EqualTo((200, Origin, "Origin")));
        Assert.That((preflight.Status, preflight.Headers.AccessControlAllowMethods.ToString()), Is.EqualTo((204, "GET,HEAD,OPTIONS")));
        Assert.That(other.Headers.Keys, Has.None.StartsWith("Access-Control-"));
    }
}
