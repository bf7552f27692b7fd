using Api.Server;

namespace Api.Tests.Server;

/// <summary>
/// How a failed start is told, in the test process (on the real process: RealServer/StartFailureTests and StartupTests,
/// the content root's own failures included).
/// </summary>
public sealed class HostStartTests
{
    // The configuration wraps a file's parse error in InvalidDataException, naming the file; the parser's names the place.
    [Test]
    public void A_settings_file_that_does_not_parse_is_78_with_its_causes_on_one_line() =>
        Assert.That(
            HostStart.Explain(new InvalidDataException("Failed to load configuration from file '/app/appsettings.json'.", new FormatException("Could not parse the JSON file.", new FormatException("Line 2.")))),
            Is.EqualTo((78, new[] { "Invalid settings file: Failed to load configuration from file '/app/appsettings.json'. Could not parse the JSON file. Line 2." })));

    [Test]
    public void A_file_that_cannot_be_read_is_66() =>
        Assert.That(HostStart.Explain(new UnauthorizedAccessException("Access to the path '/app/appsettings.json' is denied.", new IOException("Permission denied"))),
            Is.EqualTo((66, new[] { "Cannot start: Access to the path '/app/appsettings.json' is denied. Permission denied" })));

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
