namespace Api.Limits;

internal static class RequestLimitsExtensions
{
    public const string BodyReadingPolicy = "body-reading";

    // Kestrel holds the body size (AddServer).
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
}
