namespace Api.Features.Health;

internal static class HealthExtensions
{
    public static IServiceCollection AddApiHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [HealthController.LiveTag])
            .AddCheck<ReadinessCheck>("lifetime", tags: [HealthController.ReadyTag]);
        return services;
    }
}
