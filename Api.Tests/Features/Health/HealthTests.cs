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

    [TestCase("/healthz", """{"status":"Healthy","checks":{"self":"Healthy"}}""")]
    [TestCase("/readyz", """{"status":"Healthy","checks":{"lifetime":"Healthy","items":"Healthy"}}""")]
    public async Task Liveness_and_readiness_once_started_are_healthy_json(string path, string report)
    {
        var response = await GetAsync(path);

        Assert.That((response.Status, response.ContentType, response.Text), Is.EqualTo((200, "application/json", report)));
    }

    [TestCase(false, false)]
    [TestCase(true, true)]
    public async Task Readiness_is_503_before_the_start_and_once_shutdown_begins(bool started, bool stopping)
    {
        var api = Factory.WithServices(services => services.Configure<HealthCheckServiceOptions>(options =>
        {
            var lifetime = options.Registrations.Single(r => r.Name == "lifetime");
            lifetime.Factory = _ => new ReadinessCheck(Lifetime(started, stopping));
        }));

        var response = await api.SendAsync(ApiRequest.Get("/readyz"));

        Assert.That(response.Status, Is.EqualTo(503));
        Assert.That(response.Text, Is.EqualTo("""{"status":"Unhealthy","checks":{"lifetime":"Unhealthy","items":"Healthy"}}"""));
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
