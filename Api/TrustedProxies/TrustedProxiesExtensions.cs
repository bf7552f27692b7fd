using Microsoft.AspNetCore.HttpOverrides;

namespace Api.TrustedProxies;

internal static class TrustedProxiesExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddSettings<TrustedProxiesSettings>(TrustedProxiesSettings.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesSettings>>((options, trusted) =>
        {
            var forwarded = trusted.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = forwarded.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in forwarded.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in forwarded.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<TrustedProxiesSettings>>().Value.Enabled ? app.UseForwardedHeaders() : app;
}
