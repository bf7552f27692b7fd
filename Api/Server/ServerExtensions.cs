using System.Net.Sockets;
using Api.Limits;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Api.Server;

internal static class ServerExtensions
{
    /// <summary>EX_UNAVAILABLE from sysexits.h: the address is taken or not this machine's; it may be free later.</summary>
    public const int UnavailableExitCode = 69;

    /// <summary>Kestrel, configured here only: <c>Kestrel:Limits</c> and <c>Limits:MaxBodyBytes</c>, no Server header, the framing of
    /// <see cref="ServerRules"/>; the host's shutdown timeout covers the drain (ShutdownDrainSeconds) and ShutdownTimeoutSeconds.</summary>
    public static IServiceCollection AddServer(this IServiceCollection services)
    {
        services.AddSettings<ServerSettings>("");
        services.AddSettings<KestrelLimitsSettings>(KestrelLimitsSettings.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<KestrelLimitsSettings>, IOptions<RequestLimitsSettings>>((kestrel, server, request) =>
        {
            kestrel.AddServerHeader = false;
            // RFC 9112 §3.2.2: an absolute-form target names the host; a Host header that differs is ignored.
            kestrel.AllowHostHeaderOverride = true;
            kestrel.RequestHeaderEncodingSelector = ServerRules.RequestHeaderEncoding;
            kestrel.Limits.MaxRequestBodySize = request.Value.MaxBodyBytes;
            kestrel.Limits.MaxRequestLineSize = server.Value.MaxRequestLineSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = server.Value.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = server.Value.MaxRequestHeaderCount;
            kestrel.Limits.RequestHeadersTimeout = server.Value.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = server.Value.KeepAliveTimeout;
        });
        services.AddOptions<HostOptions>().Configure<IOptions<ServerSettings>>((host, server) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(server.Value.ShutdownDrainSeconds + server.Value.ShutdownTimeoutSeconds));
        services.AddHostedService<ShutdownDrain>();
        return services;
    }

    /// <summary>What Kestrel lets through and the API refuses or answers itself before routing (<see cref="ServerRules"/>).</summary>
    public static IApplicationBuilder UseServerRules(this IApplicationBuilder app) => app.Use(new ServerRules().ApplyAsync);

    /// <summary>Runs until shutdown; an address Kestrel cannot listen on ends the start with one line and <see cref="UnavailableExitCode"/>.</summary>
    public static int Serve(this WebApplication app)
    {
        var urls = app.Services.GetRequiredService<IOptions<ServerSettings>>().Value.Urls ?? "http://localhost:5000";
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
