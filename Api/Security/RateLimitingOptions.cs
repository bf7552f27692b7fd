using System.ComponentModel.DataAnnotations;

namespace Api.Security;

/// <summary>Per-client-address rate limiting (section <c>RateLimiting</c>); off while <see cref="PermitLimit"/> is 0.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests one client address may make per window; 0 turns the limiter off.</summary>
    [Range(0, int.MaxValue)]
    public int PermitLimit { get; set; }

    /// <summary>The fixed window the permits refill in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
