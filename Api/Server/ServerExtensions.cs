using System.Net.Sockets;
using Api.Limits;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Api.Server;

internal static class ServerExtensions
{
    // EX_UNAVAILABLE from sysexits.h.
    public const int UnavailableExitCode = 69;

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

    public static IApplicationBuilder UseServerRules(this IApplicationBuilder app) => app.Use(new ServerRules().ApplyAsync);

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
