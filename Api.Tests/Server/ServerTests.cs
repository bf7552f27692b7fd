using Api.Server;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Api.Tests.Server;

/// <summary>The host's own settings and the drain, in the test process (as a process of its own: RealServer/StartupTests and DrainTests).</summary>
public sealed class HostingTests
{
    [Test]
    public void Addresses_kestrel_listens_on_as_written_are_valid(
        [Values(null, "http://127.0.0.1:5000", "http://LOCALHOST:1/", "http://127.0.0.1:0/", "http://*:80", "http://+:80", "http://[::1]:65535",
            "http://127.0.0.1:5000;http://localhost:5001")] string? urls) =>
        Assert.That(new ServerSettingsValidator().Validate(new ServerSettings { Urls = urls }).IsValid, Is.True);

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
}
