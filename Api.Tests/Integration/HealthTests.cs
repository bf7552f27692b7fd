using Api.Health;
using Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Moq;

namespace Api.Tests.Integration;

public sealed class HealthTests : ApiTestBase
{
    [Test]
    public async Task Liveness_is_healthy_json()
    {
        var response = await GetAsync("/healthz");

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.ContentType, Is.EqualTo("application/json"));
        Assert.That(response.Text, Is.EqualTo("""{"status":"Healthy","checks":{"self":"Healthy"}}"""));
    }

    [Test]
    public async Task Readiness_is_healthy_once_started()
    {
        var response = await GetAsync("/readyz");

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Text, Is.EqualTo("""{"status":"Healthy","checks":{"lifetime":"Healthy"}}"""));
    }

    [Test]
    public async Task Readiness_is_503_once_shutdown_begins()
    {
        using var stopping = new CancellationTokenSource();
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.Setup(l => l.ApplicationStarted).Returns(new CancellationToken(true));
        lifetime.Setup(l => l.ApplicationStopping).Returns(new CancellationToken(true));

        var result = await new ReadinessCheck(lifetime.Object).CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
    }

    [Test]
    public async Task Readiness_is_unhealthy_before_start()
    {
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.Setup(l => l.ApplicationStarted).Returns(CancellationToken.None);
        lifetime.Setup(l => l.ApplicationStopping).Returns(CancellationToken.None);

        var result = await new ReadinessCheck(lifetime.Object).CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
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
