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

internal sealed class ReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("started")
            : HealthCheckResult.Unhealthy("starting"));
}
