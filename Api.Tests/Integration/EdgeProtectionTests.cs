using Api.Echo;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Api.Tests.Integration;

/// <summary>Security headers on every answer, and the per-address rate limiter.</summary>
public sealed class EdgeProtectionTests : ApiTestBase
{
    [TestCase("GET", "/")]
    [TestCase("GET", "/nope")]
    [TestCase("DELETE", "/test")]
    [TestCase("POST", "/exemple")]
    public async Task Every_answer_carries_the_security_headers_and_no_server_header(string method, string path)
    {
        var response = await SendAsync(method, path);

        Assert.That(response.Headers["X-Content-Type-Options"].ToString(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers["X-Frame-Options"].ToString(), Is.EqualTo("DENY"));
        Assert.That(response.Headers["Referrer-Policy"].ToString(), Is.EqualTo("no-referrer"));
        Assert.That(response.Headers["Content-Security-Policy"].ToString(), Is.EqualTo("default-src 'none'; frame-ancestors 'none'"));
        Assert.That(response.Headers.ContainsKey("Server"), Is.False);
    }

    [Test]
    public async Task A_500_also_carries_the_security_headers()
    {
        var echo = new Mock<IEchoService>();
        echo.Setup(e => e.Greet()).Throws<InvalidOperationException>();
        using var factory = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(echo.Object)));

        var context = await factory.Server.SendAsync(http => http.Request.Path = "/");

        Assert.That(context.Response.StatusCode, Is.EqualTo(500));
        Assert.That(context.Response.Headers["X-Content-Type-Options"].ToString(), Is.EqualTo("nosniff"));
    }

    [Test]
    public async Task Rate_limiting_is_off_by_default()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            statuses.Add((await GetAsync("/")).Status);
        }

        Assert.That(statuses, Has.All.EqualTo(200));
    }

    [Test]
    public async Task Beyond_the_configured_rate_a_client_gets_429_with_retry_after()
    {
        using var factory = ConfiguredApi.With(Factory, ("RateLimiting:PermitLimit", "2"), ("RateLimiting:Window", "00:01:00"));

        var statuses = new List<int>();
        Microsoft.AspNetCore.Http.HttpContext? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await factory.Server.SendAsync(http => http.Request.Path = "/");
            statuses.Add(last.Response.StatusCode);
        }

        var rejected = await ApiResponse.ReadAsync(last!);
        Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 429 }));
        ProblemAssert.IsProblem(rejected, 429);
        Assert.That(int.Parse(rejected.Headers["Retry-After"].ToString(), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 60));
    }

    [Test]
    public async Task Health_probes_are_not_rate_limited()
    {
        using var factory = ConfiguredApi.With(Factory, ("RateLimiting:PermitLimit", "1"));

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await factory.Server.SendAsync(http => http.Request.Path = "/healthz")).Response.StatusCode);
        }

        Assert.That(statuses, Has.All.EqualTo(200));
    }
}
