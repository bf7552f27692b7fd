namespace Api.Throttling;

internal sealed class ThrottlingSettings
{
    public const string Section = "RateLimiting";

    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class ThrottlingSettingsValidator : AbstractValidator<ThrottlingSettings>
{
    public ThrottlingSettingsValidator()
    {
        RuleFor(o => o.PermitLimit).GreaterThanOrEqualTo(0).WithMessage("must be 0 (off) or a number of requests");
        RuleFor(o => o.Window).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))
            .WithMessage("must be a duration from 00:00:01 to 1.00:00:00");
    }
}
