using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Console;

namespace Api.Hosting;

/// <summary>
/// The settings the host, Kestrel and logging read themselves (root section), checked here: on their own
/// they take a bad value silently (a port that does not read is 80, -1 seconds is 30, an unknown formatter
/// is simple) or fail with a stack trace.
/// </summary>
internal sealed class HostingOptions
{
    /// <summary>Where Kestrel listens (<c>urls</c>, <c>--urls</c>, <c>ASPNETCORE_URLS</c>), semicolon-separated.</summary>
    public string? Urls { get; set; }

    /// <summary>How long requests in flight may take to finish once the listener has stopped.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>How long the API keeps serving after SIGTERM, with /readyz at 503, before the listener stops.</summary>
    public int ShutdownDrainSeconds { get; set; }

    public LoggingSection Logging { get; } = new();

    internal sealed class LoggingSection
    {
        public Dictionary<string, LogLevel> LogLevel { get; } = [];

        public ConsoleLoggerOptions Console { get; } = new();
    }
}

internal sealed class HostingOptionsValidator : AbstractValidator<HostingOptions>
{
    private static readonly string[] ConsoleFormatters = [ConsoleFormatterNames.Simple, ConsoleFormatterNames.Json, ConsoleFormatterNames.Systemd];

    public HostingOptionsValidator()
    {
        RuleFor(o => o.Urls).Must(urls => urls is null || urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(IsListenable)).OverridePropertyName("urls")
            .WithMessage("must be addresses such as http://127.0.0.1:5000, separated by ';', each http://HOST:PORT with HOST localhost, "
                + "an IP address, or * or + for every interface, and PORT from 0 to 65535");
        RuleFor(o => o.ShutdownTimeoutSeconds).InclusiveBetween(0, 3600).WithMessage("must be a number of seconds from 0 to 3600");
        RuleFor(o => o.ShutdownDrainSeconds).InclusiveBetween(0, 3600).WithMessage("must be a number of seconds from 0 to 3600");
        RuleFor(o => o.Logging.Console.FormatterName).Must(name => name is null || ConsoleFormatters.Contains(name, StringComparer.OrdinalIgnoreCase))
            .WithMessage("must be simple, json or systemd");
    }

    // Kestrel listens on every interface for a host name it does not know, and on port 80 for a port that does not read.
    private static bool IsListenable(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            return address.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && address.PathBase.Length == 0 && address.Port is >= 0 and <= 65535
                && (address.Host is "*" or "+" || address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(address.Host, out _));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
