using Api.Hosting;

namespace Api.Tests.Hosting;

/// <summary>How the host is created, in the test process (on the real process: RealServer/SettingsFilesTests).</summary>
public sealed class HostStartTests
{
    [Test]
    public void Outside_development_the_settings_files_are_read_once_by_the_hosts_own_switch_given_before_the_arguments()
    {
        var options = HostStart.Options(["--environment", "Staging", "--urls", "http://127.0.0.1:0"]);

        Assert.That(options.Args, Is.EqualTo(new[] { "--hostBuilder:reloadConfigOnChange=false", "--environment", "Staging", "--urls", "http://127.0.0.1:0" }));
    }

    [Test]
    public void In_development_the_arguments_are_given_as_they_are() =>
        Assert.That(HostStart.Options(["--environment", "Development"]).Args, Is.EqualTo(new[] { "--environment", "Development" }));

    [Test]
    public void Without_a_content_root_the_api_reads_its_own_folder_and_a_configured_one_is_left_to_the_host()
    {
        using var temporary = new TemporaryFolder();

        Assert.That(HostStart.Options([]).ContentRootPath, Is.EqualTo(AppContext.BaseDirectory));
        Assert.That(HostStart.Options(["--contentRoot", temporary.FullName]).ContentRootPath, Is.Null);
    }
}
