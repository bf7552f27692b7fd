using Microsoft.Extensions.Logging.Console;

namespace Api.Hosting;

/// <summary>
/// What the host, Kestrel and logging read themselves (root section), checked here: on their own they take a
/// bad value silently (a port that does not read is 80, -1 seconds is 30, an unknown formatter is simple) or
/// fail with a stack trace.
/// </summary>
internal sealed class HostingOptions
{
    /// <summary>Where Kestrel listens (<c>urls</c>, <c>--urls</c>, <c>ASPNETCORE_URLS</c>), separated by ';'.</summary>
    public string? Urls { get; set; }

    public int ShutdownTimeoutSeconds { get; set; } = 30;

    public int ShutdownDrainSeconds { get; set; }

    public LoggingSection Logging { get; } = new();

    internal sealed class LoggingSection
    {
        public Dictionary<string, LogLevel> LogLevel { get; } = [];

        public ConsoleLoggerOptions Console { get; } = new();
    }
}

internal sealed partial class HostingOptionsValidator : AbstractValidator<HostingOptions>
{
    public HostingOptionsValidator()
    {
        RuleFor(o => o.Urls).Must(urls => urls is null || urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(IsListenable)).OverridePropertyName("urls")
            .WithMessage("must be addresses such as http://127.0.0.1:5000, separated by ';', each http://HOST:PORT with HOST localhost, "
                + "an IP address, or * or + for every interface, and PORT from 0 to 65535 (from 1 with localhost)");
        RuleFor(o => o.ShutdownTimeoutSeconds).InclusiveBetween(0, 3600).WithMessage("must be a number of seconds from 0 to 3600");
        RuleFor(o => o.ShutdownDrainSeconds).InclusiveBetween(0, 3600).WithMessage("must be a number of seconds from 0 to 3600");
        RuleFor(o => o.Logging.Console.FormatterName).Must(name => name is null || name.ToLowerInvariant() is "simple" or "json" or "systemd")
            .WithMessage("must be simple, json or systemd");
    }

    // Kestrel would listen on every interface for a host name, and on port 80 for a port that does not read; it
    // cannot give localhost (an IPv4 and an IPv6 address) one dynamic port, and would crash on port 0.
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
