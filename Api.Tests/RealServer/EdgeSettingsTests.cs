using System.Globalization;

namespace Api.Tests.RealServer;

/// <summary>
/// Rate limiting and trust in forwarded headers on the real process, seen through the limiter's partitions:
/// each client address has its own permits, so two requests that share one come back 200 and 429, and two
/// that the forwarded headers tell apart both come back 200.
/// </summary>
[NonParallelizable]
public sealed class EdgeSettingsTests : ApiProcessTestBase
{
    protected override Task<ApiProcess> StartAsync() => ApiProcess.StartListeningAsync(
        ("RateLimiting__PermitLimit", "1"), ("RateLimiting__Window", "00:00:01"), ("ForwardedHeaders__Enabled", "true"),
        ("ForwardedHeaders__KnownProxies__0", "127.0.0.1"), ("ForwardedHeaders__KnownNetworks__0", "10.0.0.0/24"), ("ForwardedHeaders__ForwardLimit", "2"));

    private Task<ApiResponse> GetFromAsync(string forwardedFor) =>
        Server.SendAsync(ApiRequest.Get("/") with { Headers = [new("X-Forwarded-For", forwardedFor)] });

    [Test]
    [Setting("RateLimiting:PermitLimit")]
    [Setting("RateLimiting:Window")]
    public async Task A_client_beyond_its_permits_gets_429_with_retry_after_until_the_window_ends()
    {
        Assert.That((await GetFromAsync("10.1.0.1")).Status, Is.EqualTo(200));
        var refused = await GetFromAsync("10.1.0.1");

        ProblemAssert.IsProblem(refused, 429);
        Assert.That(int.Parse(refused.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture), Is.InRange(0, 1));
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.That((await GetFromAsync("10.1.0.1")).Status, Is.EqualTo(200), "the default window is a minute");
    }

    // Behind a known proxy, its address is not the client's. The last hop, 10.0.0.5, is trusted by its network, and a
    // limit of 2 steps back through it.
    [Test]
    [Setting("ForwardedHeaders:Enabled")]
    [Setting("ForwardedHeaders:KnownProxies")]
    [Setting("ForwardedHeaders:KnownNetworks")]
    [Setting("ForwardedHeaders:ForwardLimit")]
    public async Task Each_forwarded_client_has_its_own_permits_behind_a_known_proxy_and_through_a_trusted_network_and_two_proxies()
    {
        Assert.That((await GetFromAsync("10.2.0.1")).Status, Is.EqualTo(200));
        Assert.That((await GetFromAsync("10.2.0.2")).Status, Is.EqualTo(200), "not the proxy's address, which both share");
        Assert.That((await GetFromAsync("10.3.0.1, 10.0.0.5")).Status, Is.EqualTo(200));
        Assert.That((await GetFromAsync("10.3.0.2, 10.0.0.5")).Status, Is.EqualTo(200), "not 10.0.0.5, which both share");
    }
}
