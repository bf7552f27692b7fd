using Api.Server;
using Api.Settings;
using Microsoft.Extensions.Options;

namespace Api.Tests.Server;

/// <summary>
/// How the host is created and how a failed start is told, in the test process (on the real process:
/// RealServer/StartFailureTests and SettingsFilesTests).
/// </summary>
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

    [Test]
    public void A_failure_is_written_as_its_lines_on_standard_error_and_its_exit_code_returned()
    {
        var (console, errors) = (Console.Error, new StringWriter());
        Console.SetError(errors);
        try
        {
            Assert.That(HostStart.Fail(new InvalidOperationException("broken")), Is.EqualTo(70));
        }
        finally
        {
            Console.SetError(console);
        }

        Assert.That(errors.ToString(), Is.EqualTo("Cannot start: broken" + Environment.NewLine));
    }

    [Test]
    public void Invalid_settings_are_78_one_line_each() =>
        Assert.That(HostStart.Explain(new OptionsValidationException("Limits", typeof(object), ["Invalid setting A='1': no.", "Invalid setting B='2': no."])),
            Is.EqualTo((78, new[] { "Invalid setting A='1': no.", "Invalid setting B='2': no." })));

    // The configuration wraps a file's parse error in InvalidDataException, naming the file; the parser's names the place.
    [Test]
    public void A_settings_file_that_does_not_parse_is_78_with_its_causes_on_one_line() =>
        Assert.That(
            HostStart.Explain(new InvalidDataException("Failed to load configuration from file '/app/appsettings.json'.", new FormatException("Could not parse the JSON file.", new FormatException("Line 2.")))),
            Is.EqualTo((78, new[] { "Invalid settings file: Failed to load configuration from file '/app/appsettings.json'. Could not parse the JSON file. Line 2." })));

    [Test]
    public void A_content_root_or_a_file_that_cannot_be_read_is_66()
    {
        Assert.That(HostStart.Explain(new UnreadableContentRootException("The content root /nope does not exist.", new DirectoryNotFoundException("/nope"))),
            Is.EqualTo((66, new[] { "Cannot start: The content root /nope does not exist." })));
        Assert.That(HostStart.Explain(new UnauthorizedAccessException("Access to the path '/app/appsettings.json' is denied.", new IOException("Permission denied"))),
            Is.EqualTo((66, new[] { "Cannot start: Access to the path '/app/appsettings.json' is denied. Permission denied" })));
    }

    // EMFILE (inotify instances or file descriptors), ENFILE (the system's), ENOSPC (inotify watches): the runtime's HResult is the errno.
    [Test]
    public void A_limit_of_the_system_is_71([Values(24, 23, 28)] int errno) =>
        Assert.That(HostStart.Explain(new IOException("The configured user limit (128) on the number of inotify instances has been reached.", errno)),
            Is.EqualTo((71, new[] { "Cannot start: The configured user limit (128) on the number of inotify instances has been reached." })));

    [Test]
    public void Another_input_or_output_error_is_70([Values(5, unchecked((int)0x80131620))] int hresult) =>
        Assert.That(HostStart.Explain(new IOException("Input/output error", hresult)).ExitCode, Is.EqualTo(70));

    [Test]
    public void Each_line_of_a_message_is_trimmed_and_an_empty_message_left_out() =>
        Assert.That(
            HostStart.Explain(new InvalidOperationException("", new InvalidOperationException(" First line. \r\n  Second line.\r\n"))),
            Is.EqualTo((70, new[] { "Cannot start: First line. Second line." })));

    [Test]
    public void Anything_else_is_70_on_one_line_each_cause_once() =>
        Assert.That(
            HostStart.Explain(new AggregateException(new InvalidOperationException("First line.\nSecond line."))),
            Is.EqualTo((70, new[] { "Cannot start: One or more errors occurred. (First line. Second line.)" })));
}
