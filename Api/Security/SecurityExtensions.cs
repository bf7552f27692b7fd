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
            // Stryker disable once String: the clients without an address share one partition, whatever its key
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.Value.PermitLimit, Window = settings.Value.Window, QueueLimit = 0 }));
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

        // A CORS policy only while Cors:AllowedOrigins names an origin.
        services.AddSettings<CrossOriginOptions>(CrossOriginOptions.Section);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, settings) =>
        {
            if (settings.Value.AllowedOrigins is { Count: > 0 } origins)
            {
                cors.AddPolicy(CrossOriginOptions.Section, policy => policy.WithOrigins([.. origins]).WithHeaders(HeaderNames.ContentType)
                    .WithExposedHeaders(HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter).SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
            }
        });
        return services;
    }

    /// <summary>The CORS policy of every answer, which each path's preflight narrows to its Allow; null while CORS is off.</summary>
    public static CorsPolicy? CrossOriginPolicy(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<CorsOptions>>().Value.GetPolicy(CrossOriginOptions.Section);

    /// <summary>
    /// ASP.NET Core's CORS while it has a policy. Every answer then says <c>Vary: Origin</c>, those to requests
    /// without one too, so that a shared cache does not hand one origin's answer to another.
    /// </summary>
    public static WebApplication UseCrossOriginIfConfigured(this WebApplication app)
    {
        if (app.Services.CrossOriginPolicy() is null) return app;

        // Registered before CORS's own callback, so run after it (the last registered runs first): it may have said it.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(VaryByOrigin, context.Response.Headers);
            return next(context);
        });
        app.UseCors(CrossOriginOptions.Section);
        return app;
    }

    private static Task VaryByOrigin(object headers)
    {
        if (!((IHeaderDictionary)headers).Vary.Contains(HeaderNames.Origin)) ((IHeaderDictionary)headers).Append(HeaderNames.Vary, HeaderNames.Origin);

        return Task.CompletedTask;
    }

    /// <summary>Forwarded headers first (when enabled), then the security headers on every answer.</summary>
    public static WebApplication UseEdgeProtection(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxiesOptions>>().Value.Enabled) app.UseForwardedHeaders();

        app.Use((context, next) =>
        {
            context.Response.OnStarting(SetSecurityHeaders, context);
            return next(context);
        });
        return app;
    }

    // No MIME sniffing, framing, referrer or active content (the docs page's script aside), set as the answer
    // starts, so that an answer the exception handler rewrites has them too.
    private static Task SetSecurityHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments(OpenApiExtensions.DocsPath, StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        return Task.CompletedTask;
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
