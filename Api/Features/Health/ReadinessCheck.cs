using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Api.Features.Health;

/// <summary>
/// Ready once the host has started and until it begins to stop, so that a load balancer stops
/// sending traffic while in-flight requests finish.
/// </summary>
public sealed class ReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("started")
            : HealthCheckResult.Unhealthy("starting"));
}
