namespace Api.Server;

// So that a load balancer stops sending before the listener closes: the host stops its services only once StoppingAsync returns.
internal sealed partial class ShutdownDrain(IOptions<ServerSettings> server, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (server.Value.ShutdownDrainSeconds is var seconds and > 0)
        {
            LogDraining(logger, seconds);
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Draining: /readyz answers 503, and requests are served for {DrainSeconds} s more")]
    private static partial void LogDraining(ILogger logger, int drainSeconds);
}
