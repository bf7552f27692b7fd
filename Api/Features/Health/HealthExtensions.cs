using Api.Features.Items;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Api.Features.Health;

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

/// <summary>Ready from the host's start until it begins to stop: a load balancer stops sending while requests finish.</summary>
internal sealed class ReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("started")
            : HealthCheckResult.Unhealthy("starting"));
}
