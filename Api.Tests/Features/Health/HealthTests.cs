using Api.Features.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Moq;

namespace Api.Tests.Features.Health;

public sealed class HealthTests : ApiTestBase
{
    private static IHostApplicationLifetime Lifetime(bool started, bool stopping)
    {
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.Setup(l => l.ApplicationStarted).Returns(new CancellationToken(started));
        lifetime.Setup(l => l.ApplicationStopping).Returns(new CancellationToken(stopping));
        return lifetime.Object;
    }

    // Liveness's answer is the README's.
    [Test]
    public async Task Readiness_once_started_is_healthy_json()
    {
        var response = await GetAsync("/readyz");

        Assert.That((response.Status, response.ContentType, response.Text), Is.EqualTo((200, "application/json", """{"status":"Healthy","checks":{"lifetime":"Healthy","items":"Healthy"}}""")));
    }

    [TestCase(false, false, HealthStatus.Unhealthy, "starting")]
    [TestCase(true, false, HealthStatus.Healthy, "started")]
    [TestCase(true, true, HealthStatus.Unhealthy, "stopping")]
    [TestCase(false, true, HealthStatus.Unhealthy, "stopping")]
    public async Task The_readiness_check_says_whether_the_host_is_starting_started_or_stopping(bool started, bool stopping, HealthStatus status, string description)
    {
        var result = await new ReadinessCheck(Lifetime(started, stopping)).CheckHealthAsync(new HealthCheckContext());

        Assert.That((result.Status, result.Description), Is.EqualTo((status, description)));
    }

    [Test]
    public async Task An_unhealthy_probe_answers_503_with_the_report()
    {
        var broken = Factory.WithServices(s =>
            s.AddHealthChecks().AddCheck("broken", () => HealthCheckResult.Unhealthy(), [HealthController.LiveTag]));

        var response = await broken.SendAsync(ApiRequest.Get("/healthz"));

        Assert.That(response.Status, Is.EqualTo(503));
        Assert.That((string?)response.Json!["status"], Is.EqualTo("Unhealthy"));
        Assert.That((string?)response.Json!["checks"]!["broken"], Is.EqualTo("Unhealthy"));
    }
}
