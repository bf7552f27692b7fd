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

internal sealed class RequestLimitsSettings
{
    public const string Section = "Limits";

    public long MaxBodyBytes { get; set; } = 1024 * 1024;
    public int MaxFormFields { get; set; } = 1000;
    public int MaxFormKeyBytes { get; set; } = 2048;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class RequestLimitsSettingsValidator : AbstractValidator<RequestLimitsSettings>
{
    public RequestLimitsSettingsValidator()
    {
        RuleFor(o => o.MaxBodyBytes).GreaterThanOrEqualTo(1).WithMessage("must be a number of bytes, at least 1");
        RuleFor(o => o.MaxFormFields).GreaterThanOrEqualTo(1).WithMessage("must be a number of fields, at least 1");
        RuleFor(o => o.MaxFormKeyBytes).GreaterThanOrEqualTo(1).WithMessage("must be a number of bytes, at least 1");
        RuleFor(o => o.RequestTimeout).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            .WithMessage("must be a duration from 00:00:01 to 01:00:00");
    }
}
