namespace Api.Security;

/// <summary>Per-client-address rate limiting (section <c>RateLimiting</c>); off while <see cref="PermitLimit"/> is 0.</summary>
internal sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests one client address may make per window; 0 turns the limiter off.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The fixed window the permits refill in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class RateLimitingOptionsValidator : AbstractValidator<RateLimitingOptions>
{
    public RateLimitingOptionsValidator()
    {
        RuleFor(o => o.PermitLimit).GreaterThanOrEqualTo(0).WithMessage("must be 0 (off) or a number of requests");
        RuleFor(o => o.Window).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))
            .WithMessage("must be a duration from 00:00:01 to 1.00:00:00");
    }
}
