using Api.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Api.Tests.Settings;

/// <summary>
/// The time limits' defaults and the forwarded headers as the framework facilities that enforce them read them (each
/// setting's effect on the wire: RealServer).
/// </summary>
public sealed class ConfigurationTests : ApiTestBase
{
    private T Resolve<T>(params (string, string)[] settings)
        where T : class =>
        Factory.With(settings).Services.GetRequiredService<IOptions<T>>().Value;

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

    // Which proxies and networks are trusted, and how far: RealServer/EdgeSettingsTests and Security/EdgeProtectionTests.
    [Test]
    public void Forwarded_headers_give_the_client_address_and_the_scheme() =>
        Assert.That(Resolve<ForwardedHeadersOptions>(("ForwardedHeaders:Enabled", "true")).ForwardedHeaders, Is.EqualTo(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto));
}
