using System.Net;

namespace Api.Tests.Security;

/// <summary>The per-address rate limiter (the security headers on every answer: RealServer/ResponseHeadersTests).</summary>
public sealed class EdgeProtectionTests : ApiTestBase
{
    [Test]
    public async Task Rate_limiting_is_off_by_default()
    {
        for (var i = 0; i < 50; i++)
        {
            Assert.That((await GetAsync("/")).Status, Is.EqualTo(200), $"request {i}");
        }
    }

    // The fixed window's limiter gives a refused request the whole window as its Retry-After: a minute by default.
    [Test]
    public async Task Beyond_the_configured_rate_a_client_gets_429_with_retry_after()
    {
        var limited = Factory.With(("RateLimiting:PermitLimit", "2"));

        Assert.That((await limited.SendAsync(ApiRequest.Get("/"))).Status, Is.EqualTo(200));
        Assert.That((await limited.SendAsync(ApiRequest.Get("/"))).Status, Is.EqualTo(200));
        var rejected = await limited.SendAsync(ApiRequest.Get("/"));

        ProblemAssert.IsProblem(rejected, 429);
        Assert.That((string?)rejected.Json!["detail"], Is.EqualTo("Too many requests from this client address; Retry-After says when to try again."));
        Assert.That(rejected.Headers.RetryAfter.ToString(), Is.EqualTo("60"));
    }

    [Test]
    public async Task Each_client_address_has_its_own_permits()
    {
        var limited = Factory.With(("RateLimiting:PermitLimit", "1"));

        Assert.That((await limited.SendAsync(From("192.0.2.1"))).Status, Is.EqualTo(200));
        Assert.That((await limited.SendAsync(From("192.0.2.1"))).Status, Is.EqualTo(429));
        Assert.That((await limited.SendAsync(From("192.0.2.2"))).Status, Is.EqualTo(200), "another address");
    }

    [Test]
    public async Task Only_behind_a_known_proxy_and_once_enabled_is_each_forwarded_client_its_own()
    {
        (string, string) limit = ("RateLimiting:PermitLimit", "1"), proxy = ("ForwardedHeaders:KnownProxies:0", "192.0.2.10");
        var trusting = Factory.With(limit, proxy, ("ForwardedHeaders:Enabled", "true"));
        var off = Factory.With(limit, proxy);

        Assert.That((await trusting.SendAsync(From("192.0.2.10", "198.51.100.1"))).Status, Is.EqualTo(200));
        Assert.That((await trusting.SendAsync(From("192.0.2.10", "198.51.100.2"))).Status, Is.EqualTo(200), "not the proxy's address, which both share");
        Assert.That((await trusting.SendAsync(From("192.0.2.11", "198.51.100.3"))).Status, Is.EqualTo(200));
        Assert.That((await trusting.SendAsync(From("192.0.2.11", "198.51.100.4"))).Status, Is.EqualTo(429), "an unknown proxy forwards no client");
        Assert.That((await off.SendAsync(From("192.0.2.10", "198.51.100.1"))).Status, Is.EqualTo(200));
        Assert.That((await off.SendAsync(From("192.0.2.10", "198.51.100.2"))).Status, Is.EqualTo(429), "off by default");
    }

    // One proxy stepped back through by default: of "a, b", b (the address the known proxy saw) is the client, and a is
    // not read, even though b is a known proxy too (with a limit of 2, a would be the client).
    [Test]
    public async Task Behind_a_known_proxy_the_forwarded_client_is_the_last_address_by_default()
    {
        var trusting = Factory.With(
            ("RateLimiting:PermitLimit", "1"), ("ForwardedHeaders:Enabled", "true"),
            ("ForwardedHeaders:KnownProxies:0", "192.0.2.10"), ("ForwardedHeaders:KnownProxies:1", "203.0.113.7"));

        Assert.That((await trusting.SendAsync(From("192.0.2.10", "198.51.100.1, 203.0.113.7"))).Status, Is.EqualTo(200));
        Assert.That((await trusting.SendAsync(From("192.0.2.10", "198.51.100.2, 203.0.113.7"))).Status, Is.EqualTo(429), "both are 203.0.113.7");
        Assert.That((await trusting.SendAsync(From("192.0.2.10", "203.0.113.8"))).Status, Is.EqualTo(200));
    }

    private static ApiRequest From(string address, string? forwardedFor = null) => ApiRequest.Get("/") with
    {
        ClientAddress = IPAddress.Parse(address),
        Headers = forwardedFor is null ? [] : [new("X-Forwarded-For", forwardedFor)],
    };

    [Test]
    public async Task Health_probes_the_docs_page_the_document_and_the_metrics_are_neither_limited_nor_counted(
        [Values("/healthz", "/readyz", "/docs/", "/docs/scalar.js", "/openapi/v1.json", "/metrics")] string path)
    {
        var limited = Factory.With(("RateLimiting:PermitLimit", "1"));

        for (var i = 0; i < 6; i++)
        {
            Assert.That((await limited.SendAsync(ApiRequest.Get(path))).Status, Is.EqualTo(200), $"request {i}");
        }

        Assert.That((await limited.SendAsync(ApiRequest.Get("/"))).Status, Is.EqualTo(200), "the client's one permit is still there");
    }
}
