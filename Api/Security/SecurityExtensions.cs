using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;

namespace Api.Security;

internal static class SecurityExtensions
{
    public static IServiceCollection AddEdgeProtection(this IServiceCollection services)
    {
        services.AddSettings<RateLimitingOptions>(RateLimitingOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = SetRetryAfter;
            var permits = settings.Value.PermitLimit;
            var window = settings.Value.Window;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
        });

        services.AddSettings<TrustedProxiesOptions>(TrustedProxiesOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((options, trusted) =>
        {
            var forwarded = trusted.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = forwarded.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in forwarded.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));

            foreach (var network in forwarded.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>Forwarded headers first (when enabled), then the security headers on every answer.</summary>
    public static WebApplication UseEdgeProtection(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxiesOptions>>().Value.Enabled) app.UseForwardedHeaders();

        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>The rate limiter, only when <c>RateLimiting:PermitLimit</c> turns it on: off, it costs nothing.</summary>
    public static WebApplication UseRateLimitingIfConfigured(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.PermitLimit > 0) app.UseRateLimiter();

        return app;
    }

    // The answer itself is the problem UseStatusCodePages writes for any bodiless error.
    private static ValueTask SetRetryAfter(OnRejectedContext context, CancellationToken cancellationToken)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return ValueTask.CompletedTask;
    }
}
