namespace Api.Tests.RealServer;

/// <summary>
/// The logging settings on the real process's standard output, beside one on the defaults: the request log
/// switched off, journald's levels, and a log level raised for one category (JSON lines: ShutdownTests, to the
/// last one). Kestrel's connection lines, written after the request's, show when everything about a request has
/// been written.
/// </summary>
[NonParallelizable]
public sealed class LogSettingsTests
{
    private ApiProcess _defaults = null!;
    private ApiProcess _configured = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var defaults = ApiProcess.StartListeningAsync();
        var configured = ApiProcess.StartListeningAsync(
            ("RequestLogging__Enabled", "false"), ("Logging__LogLevel__Microsoft.AspNetCore.Server.Kestrel.Connections", "Debug"));
        (_defaults, _configured) = (await defaults, await configured);
        await _defaults.GetAsync("/test/42");
        await _configured.GetAsync("/test/42");
        Assert.That(await _defaults.WaitForOutputAsync(line => line.Contains("/test/42", StringComparison.Ordinal)), Is.Not.Null);
        Assert.That(await _configured.WaitForOutputAsync(line => line.Contains("Connection id", StringComparison.Ordinal) && line.Contains("stopped", StringComparison.Ordinal)), Is.Not.Null);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _defaults.Dispose();
        _configured.Dispose();
    }

    [Test]
    [Setting("RequestLogging:Enabled")]
    public void Switched_off_no_line_is_written_for_a_request() =>
        Assert.That(_configured.Output, Has.None.Contains("/test/42"));

    // journald reads a line's level from its "<N>" prefix (syslog's severities: 6 is Information).
    [Test]
    public async Task With_the_systemd_formatter_every_line_starts_with_its_journald_level()
    {
        using var systemd = await ApiProcess.StartListeningAsync(("Logging__Console__FormatterName", "systemd"));
        await systemd.GetAsync("/test/42");
        var requestLine = await systemd.WaitForOutputAsync(line => line.Contains("/test/42", StringComparison.Ordinal));

        Assert.That(requestLine, Does.StartWith("<6>Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware[9] "));
        Assert.That(systemd.Output.Where(line => line.Length > 0), Has.All.Match("^<[0-7]>"));
    }

    [Test]
    [Setting("Logging:LogLevel:*")]
    public void A_category_set_to_debug_writes_its_debug_lines()
    {
        Assert.That(_configured.Output, Has.Some.Contains("Connection id"));
        Assert.That(_defaults.Output, Has.None.Contains("Connection id"));
    }
}
