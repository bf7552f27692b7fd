using Api.Limits;
using Api.Security;
using Api.Settings;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Api.Tests.Settings;

/// <summary>A setting that cannot start the API is explained in one line: the setting, the value given and what is allowed.</summary>
public sealed class InvalidSettingTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddValidatorsFromAssemblyContaining<RequestLimitsOptionsValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSettings<RequestLimitsOptions>(RequestLimitsOptions.Section);
        services.AddSettings<TrustedProxiesOptions>(TrustedProxiesOptions.Section);
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
        Assert.That(Explanation<RequestLimitsOptions>(("Limits:MaxFormFields", "0"), ("Limits:RequestTimeout", "02:00:00")), Is.EqualTo(new[]
        {
            "Invalid setting Limits:MaxFormFields='0': must be a number of fields, at least 1.",
            "Invalid setting Limits:RequestTimeout='02:00:00': must be a duration from 00:00:01 to 01:00:00.",
        }));

    [Test]
    public void An_item_of_a_list_is_named_by_its_configuration_key() =>
        Assert.That(Explanation<TrustedProxiesOptions>(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"), ("ForwardedHeaders:KnownNetworks:1", "ten")), Is.EqualTo(new[]
        {
            "Invalid setting ForwardedHeaders:KnownNetworks:1='ten': must be a network in CIDR form such as 10.0.0.0/8.",
        }));

    [TestCase("Limits:MaxBodyBytes", "1e3", "a whole number")]
    [TestCase("Limits:MaxFormFields", "many", "a whole number")]
    [TestCase("Limits:RequestTimeout", "soon", "a duration such as 00:00:30")]
    public void A_value_that_does_not_read_as_its_type_is_named_with_the_type_expected(string key, string value, string expected) =>
        Assert.That(Explanation<RequestLimitsOptions>((key, value)), Is.EqualTo(new[] { $"Invalid setting {key}='{value}': must be {expected}." }));

    [TestCase("System.Boolean", "true or false")]
    [TestCase("Microsoft.Extensions.Logging.LogLevel", "a log level: Trace, Debug, Information, Warning, Error, Critical or None")]
    [TestCase("System.Uri", "a value of type System.Uri")]
    public void The_type_expected_is_said_in_words(string type, string expected)
    {
        var binder = new InvalidOperationException($"Failed to convert configuration value 'x' at 'Section:Key' to type '{type}'.");

        Assert.That(InvalidSetting.Unreadable(new InvalidOperationException("Binding failed.", binder)), Is.EqualTo($"Invalid setting Section:Key='x': must be {expected}."));
    }

    [Test]
    public void Every_value_that_does_not_read_is_named_at_once() =>
        Assert.That(Explanation<RequestLimitsOptions>(("Limits:MaxBodyBytes", "big"), ("Limits:MaxFormFields", "many")), Is.EqualTo(new[]
        {
            "Invalid setting Limits:MaxBodyBytes='big': must be a whole number.",
            "Invalid setting Limits:MaxFormFields='many': must be a whole number.",
        }));

    [TestCase("Limits", "MaxFormFields", "Limits:MaxFormFields")]
    [TestCase("", "ShutdownTimeoutSeconds", "ShutdownTimeoutSeconds")]
    [TestCase("ForwardedHeaders", "KnownProxies[1]", "ForwardedHeaders:KnownProxies:1")]
    [TestCase("", "Logging.Console.FormatterName", "Logging:Console:FormatterName")]
    public void A_validated_property_is_named_by_its_configuration_key(string section, string property, string key) =>
        Assert.That(InvalidSetting.Key(section, property), Is.EqualTo(key));

    [Test]
    public void Valid_settings_bind()
    {
        using var services = Services(("Limits:MaxBodyBytes", "65536"));

        Assert.That(services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxBodyBytes, Is.EqualTo(65536));
    }

    [Test]
    public void An_exception_that_is_not_about_a_setting_is_not_explained() =>
        Assert.That(InvalidSetting.Explain(new InvalidOperationException("Address already in use")), Is.Empty);
}
