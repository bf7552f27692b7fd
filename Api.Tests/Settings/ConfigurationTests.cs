using Api.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Api.Tests.Settings;

/// <summary>Each setting reaches the framework facility that enforces it.</summary>
public sealed class ConfigurationTests : ApiTestBase
{
    private T Resolve<T>(params (string, string)[] settings)
        where T : class =>
        Factory.With(settings).Services.GetRequiredService<IOptions<T>>().Value;

    [Test]
    public void Request_limits_reach_kestrel_the_form_options_and_the_timeout_policy()
    {
        (string, string)[] settings =
        [
            ("Limits:MaxBodyBytes", "4096"), ("Limits:MaxFormFields", "7"), ("Limits:MaxFormKeyBytes", "9"), ("Limits:RequestTimeout", "00:00:05"),
        ];

        var kestrel = Resolve<KestrelServerOptions>(settings);
        var form = Resolve<FormOptions>(settings);
        var timeout = Resolve<RequestTimeoutOptions>(settings).Policies[RequestLimitsExtensions.BodyReadingPolicy];

        Assert.That(kestrel.Limits.MaxRequestBodySize, Is.EqualTo(4096));
        Assert.That(kestrel.AddServerHeader, Is.False);
        Assert.That((form.ValueCountLimit, form.KeyLengthLimit), Is.EqualTo((7, 9)));
        Assert.That((timeout.Timeout, timeout.TimeoutStatusCode), Is.EqualTo((TimeSpan.FromSeconds(5), 408)));
    }

    // Timeouts of 30 s and more, which the tests on the real process set shorter to observe them.
    [Test]
    public void Without_settings_the_time_limits_are_the_documented_defaults()
    {
        var kestrel = Resolve<KestrelServerOptions>();
        var timeout = Resolve<RequestTimeoutOptions>().Policies[RequestLimitsExtensions.BodyReadingPolicy];

        Assert.That(timeout.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)), "Limits:RequestTimeout");
        Assert.That(kestrel.Limits.RequestHeadersTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)), "Kestrel:Limits:RequestHeadersTimeout");
        Assert.That(kestrel.Limits.KeepAliveTimeout, Is.EqualTo(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(10)), "Kestrel:Limits:KeepAliveTimeout");
        Assert.That(Resolve<HostOptions>().ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)), "no drain, then ShutdownTimeoutSeconds");
    }

    [Test]
    public void Forwarded_headers_trust_only_the_configured_proxies_and_networks()
    {
        var options = Resolve<ForwardedHeadersOptions>(
            ("ForwardedHeaders:Enabled", "true"),
            ("ForwardedHeaders:KnownProxies:0", "10.1.2.3"),
            ("ForwardedHeaders:KnownNetworks:0", "192.168.0.0/16"),
            ("ForwardedHeaders:ForwardLimit", "2"));

        Assert.That(options.KnownProxies.Select(p => p.ToString()), Is.EqualTo(new[] { "10.1.2.3" }));
        Assert.That(options.KnownIPNetworks.Select(n => n.ToString()), Is.EqualTo(new[] { "192.168.0.0/16" }));
        Assert.That(options.ForwardLimit, Is.EqualTo(2));
        Assert.That(options.ForwardedHeaders, Is.EqualTo(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto));
    }
}
