using System.Runtime.Versioning;

namespace Api.Tests.RealServer;

/// <summary>
/// A start that fails for a reason other than a setting or an address (StartupTests) ends the same way: one line on
/// standard error naming the cause, nothing on standard output, no stack trace, and an exit code from sysexits.h.
/// </summary>
[NonParallelizable]
public sealed class StartFailureTests
{
    private static async Task<string> AssertOneLineAsync(ApiProcess api, int exitCode)
    {
        Assert.That(await api.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(exitCode), string.Join('\n', api.Errors));
        Assert.That(api.Errors, Has.Count.EqualTo(1), "one line, no stack trace");
        Assert.That(api.Output, Is.Empty);
        return api.Errors[0];
    }

    // From the command line and from the environment alike.
    [TestCase("nope", "does not exist.")]
    [TestCase("appsettings.json", "is a file, not a folder.")]
    [ExitCode(66)]
    public async Task A_content_root_that_does_not_exist_or_is_a_file_stops_the_start_with_one_line_and_exit_code_66(string name, string reason)
    {
        using var temporary = new TemporaryFolder();
        var contentRoot = Path.Combine(temporary.FullName, name);
        await File.WriteAllTextAsync(Path.Combine(temporary.FullName, "appsettings.json"), "{}");
        using var api = name == "nope" ? ApiProcess.Start(arguments: ["--contentRoot", contentRoot]) : ApiProcess.Start([("ASPNETCORE_CONTENTROOT", contentRoot)]);

        Assert.That(await AssertOneLineAsync(api, 66), Is.EqualTo($"Cannot start: The content root {contentRoot} {reason}"));
    }

    // The host would take a folder it cannot list for an empty one, and start without its settings files.
    [Test]
    [ExitCode(66)]
    [SupportedOSPlatform("linux")]
    public async Task A_content_root_the_api_cannot_list_stops_the_start_with_one_line_and_exit_code_66()
    {
        Launcher.RequireUsable(Launcher.BoundByPermissions);
        using var temporary = new TemporaryFolder();
        File.SetUnixFileMode(temporary.FullName, UnixFileMode.None);
        try
        {
            using var api = ApiProcess.Start(arguments: ["--contentRoot", temporary.FullName], launcher: Launcher.BoundByPermissions);

            Assert.That(await AssertOneLineAsync(api, 66), Does.StartWith($"Cannot start: The content root {temporary.FullName} cannot be read: "));
        }
        finally
        {
            File.SetUnixFileMode(temporary.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Test]
    [SupportedOSPlatform("linux")]
    public async Task A_settings_file_the_api_cannot_read_stops_the_start_with_one_line_naming_it_and_exit_code_66()
    {
        Launcher.RequireUsable(Launcher.BoundByPermissions);
        using var temporary = new TemporaryFolder();
        var settings = Path.Combine(temporary.FullName, "appsettings.json");
        await File.WriteAllTextAsync(settings, "{}");
        File.SetUnixFileMode(settings, UnixFileMode.None);
        using var api = ApiProcess.Start(arguments: ["--contentRoot", temporary.FullName], launcher: Launcher.BoundByPermissions);

        Assert.That(await AssertOneLineAsync(api, 66), Does.StartWith("Cannot start: ").And.Contains($"'{settings}'"));
    }

    [Test]
    [ExitCode(78)]
    public async Task A_settings_file_that_does_not_parse_stops_the_start_with_one_line_naming_it_and_exit_code_78()
    {
        using var temporary = new TemporaryFolder();
        var settings = Path.Combine(temporary.FullName, "appsettings.Production.json");
        await File.WriteAllTextAsync(settings, """{ "Limits": { "MaxBodyBytes": 1024 }""");
        using var api = ApiProcess.Start(arguments: ["--contentRoot", temporary.FullName]);

        Assert.That(await AssertOneLineAsync(api, 78), Does.StartWith("Invalid settings file: ").And.Contains($"'{settings}'"));
    }

    // Where the settings files are still watched (Development), each API needs an inotify instance; the limit is per
    // user, and replicas of one image all run as the same one.
    [Test]
    [ExitCode(71)]
    public async Task Without_an_inotify_instance_left_a_start_in_development_stops_with_one_line_and_exit_code_71()
    {
        Launcher.RequireUsable(Launcher.NoInotifyInstances);
        using var api = ApiProcess.Start([("ASPNETCORE_ENVIRONMENT", "Development")], launcher: Launcher.NoInotifyInstances);

        Assert.That(await AssertOneLineAsync(api, 71), Does.StartWith("Cannot start: ").And.Contains("inotify"));
    }

    // The host cannot load the application it is told it runs: a failure the API has no finer words for.
    [Test]
    [ExitCode(70)]
    public async Task Any_other_failure_at_start_stops_it_with_one_line_and_exit_code_70()
    {
        using var api = ApiProcess.Start(arguments: ["--applicationName", "Nope"]);

        Assert.That(await AssertOneLineAsync(api, 70), Does.StartWith("Cannot start: ").And.Contains("'Nope"));
    }
}
