using Api.Settings;
using Microsoft.Extensions.Configuration;

namespace Api.Tests.Settings;

/// <summary>The settings files are read once outside Development, unless the host's own switch says otherwise.</summary>
public sealed class SettingsFilesTests
{
    private static string[] Arguments(params (string Key, string Value)[] host) =>
        SettingsFiles.ReadOnceArguments(new ConfigurationBuilder().AddInMemoryCollection(host.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [TestCase("Production")]
    [TestCase("Staging")]
    [TestCase("Developer")]
    public void Outside_development_watching_is_turned_off(string environment) =>
        Assert.That(Arguments(("environment", environment)), Is.EqualTo(new[] { "--hostBuilder:reloadConfigOnChange=false" }));

    [Test]
    public void Without_an_environment_the_host_runs_in_production_and_watching_is_turned_off() =>
        Assert.That(Arguments(), Is.EqualTo(new[] { "--hostBuilder:reloadConfigOnChange=false" }));

    [TestCase("Development")]
    [TestCase("development")]
    public void In_development_the_host_watches_them(string environment) =>
        Assert.That(Arguments(("environment", environment)), Is.Empty);

    [TestCase("true")]
    [TestCase("false")]
    public void The_hosts_own_switch_when_set_is_left_as_it_is(string value) =>
        Assert.That(Arguments(("environment", "Production"), ("hostBuilder:reloadConfigOnChange", value)), Is.Empty);
}
