namespace Api.Limits;

/// <summary>
/// Kestrel's limits on the request line and headers and its connection timeouts (section <c>Kestrel:Limits</c>):
/// the host binds only endpoints and certificates from <c>Kestrel</c>.
/// </summary>
internal sealed class ServerLimitsOptions
{
    public const string Section = "Kestrel:Limits";

    public int MaxRequestLineSize { get; set; } = 8 * 1024;

    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 100;

    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);
}

internal sealed class ServerLimitsOptionsValidator : AbstractValidator<ServerLimitsOptions>
{
    public ServerLimitsOptionsValidator()
    {
        // Kestrel's read buffer, 1 MiB, must hold the request line and the header block.
        RuleFor(o => o.MaxRequestLineSize).InclusiveBetween(1, 1024 * 1024).WithMessage("must be a number of bytes from 1 to 1048576");
        RuleFor(o => o.MaxRequestHeadersTotalSize).InclusiveBetween(1, 1024 * 1024).WithMessage("must be a number of bytes from 1 to 1048576");
        RuleFor(o => o.MaxRequestHeaderCount).GreaterThanOrEqualTo(1).WithMessage("must be a number of headers, at least 1");
        RuleFor(o => o.RequestHeadersTimeout).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            .WithMessage("must be a duration from 00:00:01 to 01:00:00");
        RuleFor(o => o.KeepAliveTimeout).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            .WithMessage("must be a duration from 00:00:01 to 01:00:00");
    }
}
