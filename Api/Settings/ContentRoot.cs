using Api.Server;

namespace Api.Settings;

internal static class ContentRoot
{
    // The API's own folder, so that appsettings.json is found from anywhere. Checked: the host would stop with a stack trace, or start without settings files.
    public static string? Default(IConfiguration host)
    {
        var configured = host[HostDefaults.ContentRootKey];
        // As the host resolves it: a relative path from the API's own folder, not the working directory.
        var path = string.IsNullOrEmpty(configured) ? AppContext.BaseDirectory : Path.GetFullPath(configured, AppContext.BaseDirectory);
        if (!Directory.Exists(path))
            throw new UnreadableContentRootException(File.Exists(path) ? $"The content root {path} is a file, not a folder." : $"The content root {path} does not exist.");

        try
        {
            _ = Directory.EnumerateFileSystemEntries(path).Any();
        }
        catch (Exception failed) when (failed is UnauthorizedAccessException or IOException)
        {
            throw new UnreadableContentRootException($"The content root {path} cannot be read: {failed.Message}", failed);
        }

        return configured is null ? AppContext.BaseDirectory : null;
    }
}

internal sealed class UnreadableContentRootException(string message, Exception? innerException = null) : StartFailureException("Cannot start: " + message, innerException)
{
    public override int ExitCode => HostStart.UnreadableExitCode;
}
