using System.Net;
using System.Net.Sockets;
using Api.Server;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Api.Tests.Server;

/// <summary>The host's own settings, the drain and a failed start, in the test process (as a process of its own: RealServer/StartupTests and DrainTests).</summary>
public sealed class HostingTests
{
    [Test]
    public void Addresses_kestrel_listens_on_as_written_are_valid(
        [Values(null, "http://127.0.0.1:5000", "http://LOCALHOST:1/", "http://127.0.0.1:0/", "http://*:80", "http://+:80", "http://[::1]:65535",
            "http://127.0.0.1:5000;http://localhost:5001")] string? urls) =>
        Assert.That(new ServerSettingsValidator().Validate(new ServerSettings { Urls = urls }).IsValid, Is.True);

    [Test]
    public void Addresses_kestrel_would_read_otherwise_or_not_at_all_are_refused(
        [Values("http://127.0.0.1:65536", "http://127.0.0.1:5O00", "http://api.example:5123", "https://127.0.0.1:5123", "http://127.0.0.1:5123/api",
            "localhost:5123", "http://localhost:0", "http://127.0.0.1:5123;http://api.example:5123")] string urls) =>
        Assert.That(new ServerSettingsValidator().Validate(new ServerSettings { Urls = urls }).IsValid, Is.False);

    [Test]
    public async Task Stopping_drains_until_its_seconds_are_over_or_the_shutdown_time_is_up()
    {
        using var shutdownTimeUp = new CancellationTokenSource();
        var draining = new ShutdownDrain(Options.Create(new ServerSettings { ShutdownDrainSeconds = 3600 }), NullLogger<ShutdownDrain>.Instance);
        var notDraining = new ShutdownDrain(Options.Create(new ServerSettings()), NullLogger<ShutdownDrain>.Instance);

        var drain = draining.StoppingAsync(shutdownTimeUp.Token);

        Assert.That(notDraining.StoppingAsync(CancellationToken.None).IsCompletedSuccessfully, Is.True);
        Assert.That(drain.IsCompleted, Is.False);
        await shutdownTimeUp.CancelAsync();
        await Assert.DoesNotThrowAsync(() => drain);
    }

    [Test]
    public void An_address_in_use_ends_the_start_with_one_line_naming_it_and_exit_code_69()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var (console, errors) = (Console.Error, new StringWriter());
        Console.SetError(errors);
        try
        {
            Assert.That(typeof(Program).Assembly.EntryPoint!.Invoke(null, [new[] { "--urls", address }]), Is.EqualTo(ServerExtensions.UnavailableExitCode));
        }
        finally
        {
            Console.SetError(console);
        }

        Assert.That(errors.ToString(), Is.EqualTo($"Cannot listen on {address}: Address already in use.{Environment.NewLine}"));
    }
}
