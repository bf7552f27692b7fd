namespace Api.Limits;

internal static class RequestLimitsExtensions
{
    /// <summary>The request-timeout policy of the actions that read a body (<c>[RequestTimeout]</c> on them).</summary>
    public const string BodyReadingPolicy = "body-reading";

    /// <summary>The limits of section <c>Limits</c>, each handed to the framework: form limits to FormOptions (413), the time of
    /// body-reading requests to a request-timeout policy (408). Kestrel holds the body size (AddServer).</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddSettings<RequestLimitsSettings>(RequestLimitsSettings.Section);
        services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitsSettings>>((form, limits) =>
        {
            form.ValueCountLimit = limits.Value.MaxFormFields;
            form.KeyLengthLimit = limits.Value.MaxFormKeyBytes;
        });
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitsSettings>>((timeouts, limits) => timeouts.AddPolicy(
            BodyReadingPolicy, new RequestTimeoutPolicy { Timeout = limits.Value.RequestTimeout, TimeoutStatusCode = StatusCodes.Status408RequestTimeout }));
        return services;
    }

    /// <summary>The request-timeout middleware, which holds the actions with <see cref="BodyReadingPolicy"/> to <c>Limits:RequestTimeout</c>.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.UseRequestTimeouts();
}
