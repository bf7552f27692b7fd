using Api.Limits;
using Api.Logging;
using Api.Settings;
using Api.TrustedProxies;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Api.Tests.Settings;

/// <summary>
/// A setting that cannot start the API is explained in one line: the setting, the value given and what is allowed (on the
/// real process, every one at once and from every source: RealServer/StartupTests).
/// </summary>
public sealed class InvalidSettingTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddValidatorsFromAssemblyContaining<RequestLimitsSettingsValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSettings<RequestLimitsSettings>(RequestLimitsSettings.Section);
        services.AddSettings<TrustedProxiesSettings>(TrustedProxiesSettings.Section);
        services.AddSettings<LoggingSettings>(LoggingSettings.Section);
        return services.BuildServiceProvider();
    }

    private static IReadOnlyList<string> Explanation<T>(params (string Key, string Value)[] settings)
        where T : class
    {
        using var services = Services(settings);
        var exception = Assert.Catch(() => _ = services.GetRequiredService<IOptions<T>>().Value);
        return InvalidSetting.Explain(exception!);
    }

    [Test]
    public void Every_invalid_value_of_a_section_is_named_with_what_is_allowed() =>
        Assert.That(Explanation<RequestLimitsSettings>(("Limits:MaxFormFields", "0"), ("Limits:RequestTimeout", "02:00:00")), Is.EqualTo(new[]
        {
            "Invalid setting Limits:MaxFormFields='0': must be a number of fields, at least 1.",
            "Invalid setting Limits:RequestTimeout='02:00:00': must be a duration from 00:00:01 to 01:00:00.",
        }));

    [Test]
    public void An_item_of_a_list_is_named_by_its_configuration_key() =>
        Assert.That(Explanation<TrustedProxiesSettings>(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"), ("ForwardedHeaders:KnownNetworks:1", "ten")), Is.EqualTo(new[]
        {
            "Invalid setting ForwardedHeaders:KnownNetworks:1='ten': must be a network in CIDR form such as 10.0.0.0/8.",
        }));

    [TestCase("Limits:MaxBodyBytes", "1e3", "a whole number")]
    [TestCase("ForwardedHeaders:ForwardLimit", "two", "a whole number")]
    [TestCase("Logging:Console:QueueFullMode", "Block", "one of Wait, DropWrite")]
    public void A_value_that_does_not_read_as_its_type_is_named_with_the_type_expected_in_words(string key, string value, string expected)
    {
        using var services = Services((key, value));

        var exception = Assert.Catch(() => _ = (
            services.GetRequiredService<IOptions<RequestLimitsSettings>>().Value,
            services.GetRequiredService<IOptions<TrustedProxiesSettings>>().Value,
            services.GetRequiredService<IOptions<LoggingSettings>>().Value));

        Assert.That(InvalidSetting.Explain(exception!), Is.EqualTo(new[] { $"Invalid setting {key}='{value}': must be {expected}." }));
    }

    [Test]
    public void An_item_of_a_dictionary_that_does_not_read_is_named_and_the_others_bind()
    {
        (string, string)[] settings = [("Logging:LogLevel:Default", "Warning"), ("Logging:LogLevel:Api", "loud")];
        using var services = Services(settings);
        var bound = new LoggingSettings();
        foreach (var configure in services.GetServices<IConfigureOptions<LoggingSettings>>()) configure.Configure(bound);

        Assert.That(Explanation<LoggingSettings>(settings),
            Is.EqualTo(new[] { "Invalid setting Logging:LogLevel:Api='loud': must be a log level: Trace, Debug, Information, Warning, Error, Critical or None." }));
        Assert.That(bound.LogLevel, Is.EqualTo(new Dictionary<string, Microsoft.Extensions.Logging.LogLevel> { ["Default"] = Microsoft.Extensions.Logging.LogLevel.Warning }));
    }

    [Test]
    public void A_key_no_property_takes_is_left_alone()
    {
        using var services = Services(("Limits:Unknown", "x"), ("Limits:MaxBodyBytes:Nested", "y"));

        Assert.That(services.GetRequiredService<IOptions<RequestLimitsSettings>>().Value.MaxBodyBytes, Is.EqualTo(1024 * 1024));
    }
}
