namespace Api.Server;

// Checked here: the host and Kestrel take a bad value silently (a port that does not read is 80, -1 seconds is 30) or fail with a stack trace.
internal sealed class ServerSettings
{
    public string? Urls { get; set; }
    public int ShutdownTimeoutSeconds { get; set; } = 30;
    public int ShutdownDrainSeconds { get; set; }
}

internal sealed partial class ServerSettingsValidator : AbstractValidator<ServerSettings>
{
    public ServerSettingsValidator()
    {
        RuleFor(o => o.Urls).Must(urls => urls is null || urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(IsListenable)).OverridePropertyName("urls")
            .WithMessage("must be addresses such as http://127.0.0.1:5000, separated by ';', each http://HOST:PORT with HOST localhost, "
                + "an IP address, or * or + for every interface, and PORT from 0 to 65535 (from 1 with localhost)");
        RuleFor(o => o.ShutdownTimeoutSeconds).InclusiveBetween(0, 3600).WithMessage("must be a number of seconds from 0 to 3600");
        RuleFor(o => o.ShutdownDrainSeconds).InclusiveBetween(0, 3600).WithMessage("must be a number of seconds from 0 to 3600");
    }

    // Kestrel would listen everywhere for a host name, on port 80 for a port that does not read, and crash on localhost:0.
    private static bool IsListenable(string url) =>
        ListenAddress().Match(url) is { Success: true } address && int.Parse(address.Groups["port"].Value, CultureInfo.InvariantCulture) is var port && port <= 65535
        && address.Groups["host"].Value.ToLowerInvariant() switch
        {
            "localhost" => port > 0,
            "*" or "+" => true,
            var host => IPAddress.TryParse(host, out _),
        };

    [GeneratedRegex("^http://(?<host>[^/]+):(?<port>[0-9]{1,5})/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ListenAddress();
}

// The host binds only endpoints and certificates from Kestrel.
internal sealed class KestrelLimitsSettings
{
    public const string Section = "Kestrel:Limits";
    public int MaxRequestLineSize { get; set; } = 8 * 1024;
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;
    public int MaxRequestHeaderCount { get; set; } = 100;
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);
}

internal sealed class KestrelLimitsSettingsValidator : AbstractValidator<KestrelLimitsSettings>
{
    public KestrelLimitsSettingsValidator()
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
