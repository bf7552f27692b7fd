using Api.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Api.Limits;

public static class LimitsExtensions
{
    /// <summary>The request-timeout policy of the actions that read a body (<c>[RequestTimeout]</c> on them).</summary>
    public const string BodyReadingPolicy = "body-reading";

    /// <summary>
    /// Binds <c>Limits</c> and hands each limit to the framework's own: the body size to Kestrel's
    /// <c>MaxRequestBodySize</c>, the form limits to <see cref="FormOptions"/>, and the time a
    /// request that reads a body may take to a request-timeout policy, answered 408 (the other
    /// requests answer at once, and a timer per request would only cost). URL and header limits
    /// are Kestrel's own (<c>Kestrel:Limits</c>), answered 414 and 431.
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
