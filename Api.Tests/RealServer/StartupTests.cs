
namespace Api.Tests.RealServer;

/// <summary>How the published API starts: a clear line for a wrong setting, and its own settings wherever it is started from.</summary>
[NonParallelizable]
public sealed class StartupTests
{
    [TestCase("Limits__MaxBodyBytes", "0", "Invalid setting Limits:MaxBodyBytes='0': must be a number of bytes, at least 1.")]
    [TestCase("RateLimiting__Window", "-00:00:01", "Invalid setting RateLimiting:Window='-00:00:01': must be a duration from 00:00:01 to 1.00:00:00.")]
    [TestCase("ForwardedHeaders__KnownProxies__0", "nope", "Invalid setting ForwardedHeaders:KnownProxies:0='nope': must be an IP address such as 127.0.0.1.")]
    [TestCase("ForwardedHeaders__Enabled", "maybe", "Invalid setting ForwardedHeaders:Enabled='maybe': must be true or false.")]
    public async Task An_invalid_setting_stops_the_start_with_one_line_naming_it(string variable, string value, string expected)
    {
        using var api = ApiProcess.Start([(variable, value)]);

        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exitCode, Is.EqualTo(78));
        Assert.That(api.Errors, Is.EqualTo(new[] { expected }));
        Assert.That(api.Output.Where(line => line.Contains("   at ", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task An_unreadable_setting_on_the_command_line_stops_the_start_with_one_line_naming_it()
    {
        using var api = ApiProcess.Start(arguments: ["--Limits:MaxFormFields=abc"]);

        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exitCode, Is.EqualTo(78));
        Assert.That(api.Errors, Is.EqualTo(new[] { "Invalid setting Limits:MaxFormFields='abc': must be a whole number." }));
    }

    [Test]
    public async Task Started_from_another_folder_the_api_reads_its_own_appsettings()
    {
        using var api = ApiProcess.Start(workingDirectory: Path.GetTempPath());
        await api.WaitForPortAsync();

        Assert.That((await api.GetAsync("/")).Status, Is.EqualTo(200));
        await api.WaitForOutputAsync(line => line.Contains("answered 200", StringComparison.Ordinal));
        Assert.That(await api.WaitForOutputAsync(line => line.Contains("Content root path", StringComparison.Ordinal)), Does.EndWith(ApiProcess.Directory + "/"));
        // appsettings.json silences the framework's own request lines; without it they come back.
        Assert.That(api.Output, Has.None.Contains("Request starting"));
    }

    [Test]
    public async Task A_configured_content_root_still_applies()
    {
        var elsewhere = Directory.CreateTempSubdirectory().FullName;
        using var api = ApiProcess.Start(arguments: ["--contentRoot", elsewhere]);

        Assert.That(await api.WaitForOutputAsync(line => line.Contains("Content root path", StringComparison.Ordinal)), Does.EndWith(elsewhere));
    }
}
