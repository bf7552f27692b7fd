using System.Net.Sockets;

namespace Api.Hosting;

internal static class HostingExtensions
{
    /// <summary>EX_UNAVAILABLE from sysexits.h: the address is taken or not this machine's; it may be free later.</summary>
    public const int UnavailableExitCode = 69;

    /// <summary>
    /// The host's own settings, checked. SIGTERM drains for ShutdownDrainSeconds, then stops the listener and gives
    /// requests in flight ShutdownTimeoutSeconds: the host's shutdown timeout covers both.
    /// </summary>
    public static IServiceCollection AddHosting(this IServiceCollection services)
    {
        services.AddSettings<HostingOptions>("");
        services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((host, hosting) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(hosting.Value.ShutdownDrainSeconds + hosting.Value.ShutdownTimeoutSeconds));
        services.AddHostedService<ShutdownDrain>();
        return services;
    }

    /// <summary>Runs until shutdown; an address Kestrel cannot listen on ends the start with one line and <see cref="UnavailableExitCode"/>.</summary>
    public static int Serve(this WebApplication app)
    {
        var urls = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.Urls ?? "http://localhost:5000";
        try
        {
            app.Run();
            return 0;
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            Console.Error.WriteLine($"Cannot listen on {urls}: {exception.GetBaseException().Message}.");
            return UnavailableExitCode;
        }
    }
}
