namespace Api.Server;

// A failed start ends with one line per cause, never a stack trace, and an exit code from sysexits.h (docs/operations.md).
internal static class HostStart
{
    public const int UnreadableExitCode = 66;
    public const int SoftwareExitCode = 70;
    public const int SystemLimitExitCode = 71;

    // EMFILE, ENFILE; ENOSPC for inotify watches: the runtime gives the errno as the IOException's HResult.
    private const int TooManyOpenFiles = 24;
    private const int TooManyOpenFilesInSystem = 23;
    private const int NoSpaceLeft = 28;

    // The host's own settings, read as the host reads them.
    public static WebApplicationOptions Options(string[] args)
    {
        var host = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables("DOTNET_").AddCommandLine(args).Build();
        return new WebApplicationOptions { Args = [.. SettingsFiles.ReadOnceArguments(host), .. args], ContentRootPath = ContentRoot.Default(host) };
    }

    public static int Fail(Exception exception)
    {
        var (exitCode, lines) = Explain(exception);
        Console.Error.WriteLine(string.Join(Environment.NewLine, lines));
        return exitCode;
    }

    public static (int ExitCode, IReadOnlyList<string> Lines) Explain(Exception exception) => exception switch
    {
        _ when InvalidSetting.Explain(exception) is { Count: > 0 } lines => (InvalidSetting.ExitCode, lines),
        // A settings file that does not parse: the configuration's own wrapping of the parser's error.
        InvalidDataException => (InvalidSetting.ExitCode, ["Invalid settings file: " + Causes(exception)]),
        StartFailureException failure => (failure.ExitCode, [failure.Message]),
        UnauthorizedAccessException => (UnreadableExitCode, ["Cannot start: " + Causes(exception)]),
        IOException { HResult: TooManyOpenFiles or TooManyOpenFilesInSystem or NoSpaceLeft } => (SystemLimitExitCode, ["Cannot start: " + Causes(exception)]),
        _ => (SoftwareExitCode, ["Cannot start: " + Causes(exception)]),
    };

    private static string Causes(Exception exception)
    {
        var messages = new List<string>();
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            var message = string.Join(' ', cause.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (message.Length > 0 && !messages.Any(written => written.Contains(message, StringComparison.Ordinal))) messages.Add(message);
        }

        return string.Join(' ', messages);
    }
}

internal abstract class StartFailureException(string message, Exception? innerException) : Exception(message, innerException)
{
    public abstract int ExitCode { get; }
}
