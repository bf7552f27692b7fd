using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Api.Limits;

internal static class LimitsExtensions
{
    /// <summary>The request-timeout policy of the actions that read a body (<c>[RequestTimeout]</c> on them).</summary>
    public const string BodyReadingPolicy = "body-reading";

    /// <summary>
    /// Hands each limit to the framework: the body size, request line, headers and connection timeouts to
    /// Kestrel (413, 414, 431, 408), form limits to FormOptions, and the time of body-reading requests to a
    /// request-timeout policy (408; a timer per request elsewhere would only cost).
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddSettings<RequestLimitsOptions>(RequestLimitsOptions.Section);
        services.AddSettings<ServerLimitsOptions>(ServerLimitsOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>, IOptions<ServerLimitsOptions>>((kestrel, limits, server) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes;
            kestrel.Limits.MaxRequestLineSize = server.Value.MaxRequestLineSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = server.Value.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = server.Value.MaxRequestHeaderCount;
            kestrel.Limits.RequestHeadersTimeout = server.Value.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = server.Value.KeepAliveTimeout;
        });
        services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitsOptions>>((form, limits) =>
        {
            form.ValueCountLimit = limits.Value.MaxFormFields;
            form.KeyLengthLimit = limits.Value.MaxFormKeyBytes;
        });
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitsOptions>>((timeouts, limits) => timeouts.AddPolicy(
            BodyReadingPolicy, new RequestTimeoutPolicy { Timeout = limits.Value.RequestTimeout, TimeoutStatusCode = StatusCodes.Status408RequestTimeout }));
        return services;
    }
}
