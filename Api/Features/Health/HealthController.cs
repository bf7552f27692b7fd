using Api.Features.Items;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Api.Features.Health;

// In a controller: the API explorer, and so the document, does not see MapHealthChecks' endpoints.
[ApiController]
[WerkzeugRules]
[Tags(ApiTags.Operations)]
[DisableRateLimiting]
[ResponseCache(NoStore = true)]
public sealed class HealthController(HealthCheckService health) : ControllerBase
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    [HttpGet("/healthz", Name = "liveness")]
    [DocumentOrder(1)]
    [EndpointSummary("Liveness")]
    [EndpointDescription("200 while the process can answer requests; restart it when this fails.")]
    [ProducesResponseType<HealthyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<UnhealthyResponse>(StatusCodes.Status503ServiceUnavailable)]
    [ResponseExample(StatusCodes.Status200OK, """{"status":"Healthy","checks":{"self":"Healthy"}}""")]
    [ResponseExample(StatusCodes.Status503ServiceUnavailable, """{"status":"Unhealthy","checks":{"self":"Unhealthy"}}""")]
    public Task<ActionResult<HealthyResponse>> Live() => ReportAsync(LiveTag);

    [HttpGet("/readyz", Name = "readiness")]
    [DocumentOrder(2)]
    [EndpointSummary("Readiness")]
    [EndpointDescription("200 once started and until shutdown begins, while the item store takes writes; 503 otherwise, so that a load balancer sends no new traffic.")]
    [ProducesResponseType<HealthyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<UnhealthyResponse>(StatusCodes.Status503ServiceUnavailable)]
    [ResponseExample(StatusCodes.Status200OK, """{"status":"Healthy","checks":{"lifetime":"Healthy","items":"Healthy"}}""")]
    [ResponseExample(StatusCodes.Status503ServiceUnavailable, """{"status":"Unhealthy","checks":{"lifetime":"Healthy","items":"Unhealthy"}}""")]
    public Task<ActionResult<HealthyResponse>> Ready() => ReportAsync(ReadyTag);

    private async Task<ActionResult<HealthyResponse>> ReportAsync(string tag)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(tag), HttpContext.RequestAborted);
        var checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString(), StringComparer.Ordinal);
        return report.Status == HealthStatus.Unhealthy
            ? StatusCode(StatusCodes.Status503ServiceUnavailable, new UnhealthyResponse(report.Status.ToString(), checks))
            : new HealthyResponse(report.Status.ToString(), checks);
    }
}

/// <summary>A probe's answer while the API can serve (200): <c>Healthy</c> (or <c>Degraded</c>), and each check's status.</summary>
public sealed record HealthyResponse(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>A probe's answer when a check fails (503): <c>Unhealthy</c>, and each check's status.</summary>
public sealed record UnhealthyResponse(string Status, IReadOnlyDictionary<string, string> Checks);

internal static class HealthExtensions
{
    public static IServiceCollection AddApiHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthController.LiveTag])
            .AddCheck<ReadinessCheck>("lifetime", tags: [HealthController.ReadyTag])
            .AddItemStoreCheck(HealthController.ReadyTag);
        return services;
    }
}

internal sealed class ReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("started")
            : HealthCheckResult.Unhealthy("starting"));
}
