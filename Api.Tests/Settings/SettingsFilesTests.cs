using Api.Settings;
using Microsoft.Extensions.Configuration;

namespace Api.Tests.Settings;

/// <summary>The settings files are read once outside Development, unless the host's own switch says otherwise.</summary>
public sealed class SettingsFilesTests
{
    private static string[] Arguments(string? environment, string? reloadConfigOnChange = null) =>
        SettingsFiles.ReadOnceArguments(new ConfigurationBuilder().AddInMemoryCollection(
            [KeyValuePair.Create("environment", environment), KeyValuePair.Create("hostBuilder:reloadConfigOnChange", reloadConfigOnChange)]).Build());

    // Without an environment the host runs in Production.
    [Test]
    public void Outside_development_watching_is_turned_off([Values(null, "Production", "Staging", "Developer")] string? environment) =>
        Assert.That(Arguments(environment), Is.EqualTo(new[] { "--hostBuilder:reloadConfigOnChange=false" }));

    [Test]
    public void In_development_the_host_watches_them([Values("Development", "development")] string environment) =>
        Assert.That(Arguments(environment), Is.Empty);

    [Test]
    public void The_hosts_own_switch_when_set_is_left_as_it_is([Values("true", "false")] string value) =>
        Assert.That(Arguments("Production", value), Is.Empty);
}
