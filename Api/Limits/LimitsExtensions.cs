using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Api.Limits;

internal static class LimitsExtensions
{
    /// <summary>The request-timeout policy of the actions that read a body (<c>[RequestTimeout]</c> on them).</summary>
    public const string BodyReadingPolicy = "body-reading";

    /// <summary>
    /// Hands each limit to the framework: the body size to Kestrel, form limits to FormOptions, and the
    /// time of body-reading requests to a request-timeout policy (408; a timer per request elsewhere
    /// would only cost). URL and header limits are Kestrel's own (414, 431).
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddSettings<RequestLimitsOptions>(RequestLimitsOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes;
        });
        services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitsOptions>>((form, limits) =>
        {
            form.ValueCountLimit = limits.Value.MaxFormFields;
            form.KeyLengthLimit = limits.Value.MaxFormKeyBytes;
        });
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitsOptions>>((timeouts, limits) =>
            timeouts.AddPolicy(BodyReadingPolicy, new RequestTimeoutPolicy
            {
                Timeout = limits.Value.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status408RequestTimeout,
            }));
        return services;
    }
}
