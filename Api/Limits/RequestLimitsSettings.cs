namespace Api.Limits;

/// <summary>The limits every request is held to (configuration section <c>Limits</c>).</summary>
internal sealed class RequestLimitsSettings
{
    public const string Section = "Limits";

    /// <summary>The largest request body, in bytes, chunked bodies included: 413 beyond it.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most fields (multipart: parts, files included) a form may hold: 413 beyond it.</summary>
    public int MaxFormFields { get; set; } = 1000;

    /// <summary>The longest form key, in bytes as sent: 413 beyond it.</summary>
    public int MaxFormKeyBytes { get; set; } = 2048;

    /// <summary>How long a request that reads a body may take, from its headers to its answer: 408 beyond it.</summary>
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
