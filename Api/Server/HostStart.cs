namespace Api.Server;

/// <summary>How the host is created, and how a failed start ends: one line per cause on standard error, never a stack trace,
/// and an exit code from sysexits.h (docs/operations.md).</summary>
internal static class HostStart
{
    /// <summary>EX_NOINPUT: the content root, or a settings file in it, cannot be read.</summary>
    public const int UnreadableExitCode = 66;

    /// <summary>EX_SOFTWARE: any other failure at start.</summary>
    public const int SoftwareExitCode = 70;

    /// <summary>EX_OSERR: the system refused a file descriptor, an inotify instance or an inotify watch; held by other processes, it may be free later.</summary>
    public const int SystemLimitExitCode = 71;

    // The errno values of those limits (EMFILE, ENFILE; ENOSPC for inotify watches), which the runtime gives as the IOException's HResult.
    private const int TooManyOpenFiles = 24;
    private const int TooManyOpenFilesInSystem = 23;
    private const int NoSpaceLeft = 28;

    /// <summary>The builder's options, from the host's own settings read as the host reads them (the command line over
    /// <c>DOTNET_</c> variables over <c>ASPNETCORE_</c> ones): the content root, checked, and the settings files read once outside Development.</summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var host = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables("DOTNET_").AddCommandLine(args).Build();
        return new WebApplicationOptions { Args = [.. SettingsFiles.ReadOnceArguments(host), .. args], ContentRootPath = ContentRoot.Default(host) };
    }

    /// <summary>Writes why the start failed, one line per cause, and returns the exit code.</summary>
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

    /// <summary>The messages of the exception and of its causes, each once, on one line.</summary>
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

/// <summary>A start that cannot go on, said in one line, with its exit code from sysexits.h.</summary>
internal abstract class StartFailureException(string message, Exception? innerException) : Exception(message, innerException)
{
    public abstract int ExitCode { get; }
}
