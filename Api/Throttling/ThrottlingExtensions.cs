using System.Threading.RateLimiting;

namespace Api.Throttling;

internal static class ThrottlingExtensions
{
    public static IServiceCollection AddClientThrottling(this IServiceCollection services)
    {
        services.AddSettings<ThrottlingSettings>(ThrottlingSettings.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ThrottlingSettings>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = SetRetryAfter;
            // Stryker disable once String: the clients without an address share one partition, whatever its key
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.Value.PermitLimit, Window = settings.Value.Window, QueueLimit = 0 }));
        });
        return services;
    }

    // Only when turned on: off, it costs nothing.
    public static IApplicationBuilder UseClientThrottling(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ThrottlingSettings>>().Value.PermitLimit > 0 ? app.UseRateLimiter() : app;

    // The answer itself is the problem UseStatusCodePages writes for any bodiless error.
    private static ValueTask SetRetryAfter(OnRejectedContext context, CancellationToken cancellationToken)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }
}

internal sealed class ThrottlingSettings
{
    public const string Section = "RateLimiting";

    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class ThrottlingSettingsValidator : AbstractValidator<ThrottlingSettings>
{
    public ThrottlingSettingsValidator()
    {
        RuleFor(o => o.PermitLimit).GreaterThanOrEqualTo(0).WithMessage("must be 0 (off) or a number of requests");
        RuleFor(o => o.Window).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))
            .WithMessage("must be a duration from 00:00:01 to 1.00:00:00");
    }
}
