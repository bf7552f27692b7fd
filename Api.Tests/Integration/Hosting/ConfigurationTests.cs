using Api.Limits;
using Api.Security;
using Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Api.Tests.Integration.Hosting;

/// <summary>Every setting the README lists binds from configuration (appsettings or environment).</summary>
public sealed class ConfigurationTests : ApiTestBase
{
    private T Resolve<T>(params (string, string)[] settings)
        where T : class =>
        Factory.With(settings).Services.GetRequiredService<IOptions<T>>().Value;

    [Test]
    public void The_defaults_are_those_the_readme_lists()
    {
        var limits = Resolve<RequestLimitsOptions>();
        var kestrel = Resolve<KestrelServerOptions>();

        Assert.That(limits.MaxBodyBytes, Is.EqualTo(1024 * 1024));
        Assert.That(limits.MaxFormFields, Is.EqualTo(1000));
        Assert.That(limits.MaxFormKeyBytes, Is.EqualTo(2048));
        Assert.That(limits.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(kestrel.Limits.MaxRequestBodySize, Is.EqualTo(1024 * 1024));
        Assert.That(kestrel.Limits.MaxRequestLineSize, Is.EqualTo(8192));
        Assert.That(kestrel.Limits.MaxRequestHeadersTotalSize, Is.EqualTo(32 * 1024));
        Assert.That(kestrel.Limits.MaxRequestHeaderCount, Is.EqualTo(100));
        Assert.That(kestrel.Limits.RequestHeadersTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(kestrel.AddServerHeader, Is.False);
        Assert.That(Resolve<RateLimitingOptions>().PermitLimit, Is.Zero);
        Assert.That(Resolve<HostOptions>().ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Request_limits_bind_and_hold_kestrel_to_the_same_body_limit()
    {
        var settings = new[]
        {
            ("Limits:MaxBodyBytes", "4096"), ("Limits:MaxFormFields", "7"), ("Limits:MaxFormKeyBytes", "9"), ("Limits:RequestTimeout", "00:00:05"),
        };

        var limits = Resolve<RequestLimitsOptions>(settings);

        Assert.That((limits.MaxBodyBytes, limits.MaxFormFields, limits.MaxFormKeyBytes, limits.RequestTimeout), Is.EqualTo((4096L, 7, 9, TimeSpan.FromSeconds(5))));
        Assert.That(Resolve<KestrelServerOptions>(settings).Limits.MaxRequestBodySize, Is.EqualTo(4096));
    }

    [Test]
    public void Kestrel_url_and_header_limits_bind_from_the_kestrel_section()
    {
        var kestrel = Resolve<KestrelServerOptions>(
            ("Kestrel:Limits:MaxRequestLineSize", "1000"),
            ("Kestrel:Limits:MaxRequestHeadersTotalSize", "2000"),
            ("Kestrel:Limits:MaxRequestHeaderCount", "10"),
            ("Kestrel:Limits:RequestHeadersTimeout", "00:00:07"));

        Assert.That(kestrel.Limits.MaxRequestLineSize, Is.EqualTo(1000));
        Assert.That(kestrel.Limits.MaxRequestHeadersTotalSize, Is.EqualTo(2000));
        Assert.That(kestrel.Limits.MaxRequestHeaderCount, Is.EqualTo(10));
        Assert.That(kestrel.Limits.RequestHeadersTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Rate_limiting_binds_its_permits_and_window()
    {
        var options = Resolve<RateLimitingOptions>(("RateLimiting:PermitLimit", "5"), ("RateLimiting:Window", "00:00:10"));

        Assert.That((options.PermitLimit, options.Window), Is.EqualTo((5, TimeSpan.FromSeconds(10))));
        Assert.That(Resolve<RateLimiterOptions>(("RateLimiting:PermitLimit", "5")).RejectionStatusCode, Is.EqualTo(429));
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

    [Test]
    public void The_shutdown_timeout_binds()
    {
        Assert.That(Resolve<HostOptions>(("ShutdownTimeoutSeconds", "5")).ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void The_json_console_formatter_is_selected_by_configuration()
    {
        Assert.That(Resolve<ConsoleLoggerOptions>(("Logging:Console:FormatterName", "json")).FormatterName, Is.EqualTo("json"));
    }
}
