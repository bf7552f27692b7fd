using Api.Settings;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Api.Limits;

public static class LimitsExtensions
{
    /// <summary>The request-timeout policy of the actions that read a body (see <c>FormActionsConvention</c>).</summary>
    public const string BodyReadingPolicy = "body-reading";

    /// <summary>
    /// Binds <c>Limits</c> (validated at start-up), holds Kestrel's body limit to the same value,
    /// and times out the requests that read a body with 408 (the others answer at once, and a
    /// timer per request would only cost). URL and header limits are Kestrel's own
    /// (<c>Kestrel:Limits</c>), answered 414 and 431.
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RequestLimitsOptions>(RequestLimitsOptions.Section);
        // Kestrel reads its section itself when it starts; binding it here too makes the values
        // visible to anything that resolves the options (the in-memory test server included).
        services.AddOptions<KestrelServerOptions>()
            .Bind(configuration.GetSection("Kestrel"))
            .Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes;
            });
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>()
            .Configure<IOptions<RequestLimitsOptions>>((timeouts, limits) => timeouts.AddPolicy(BodyReadingPolicy, new RequestTimeoutPolicy
            {
                Timeout = limits.Value.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status408RequestTimeout,
            }));
        return services;
    }
}
