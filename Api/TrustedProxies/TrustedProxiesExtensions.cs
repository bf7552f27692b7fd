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

internal sealed class TrustedProxiesSettings
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }
    public IList<string> KnownProxies { get; } = [];
    public IList<string> KnownNetworks { get; } = [];
    public int ForwardLimit { get; set; } = 1;
}

internal sealed class TrustedProxiesSettingsValidator : AbstractValidator<TrustedProxiesSettings>
{
    public TrustedProxiesSettingsValidator()
    {
        RuleForEach(o => o.KnownProxies).Must(proxy => IPAddress.TryParse(proxy, out _))
            .WithMessage("must be an IP address such as 127.0.0.1");
        RuleForEach(o => o.KnownNetworks).Must(network => System.Net.IPNetwork.TryParse(network, out _))
            .WithMessage("must be a network in CIDR form such as 10.0.0.0/8");
        RuleFor(o => o.ForwardLimit).GreaterThanOrEqualTo(1).WithMessage("must be a number of proxies, at least 1");
    }
}
