using Api.Server;

namespace Api.Settings;

internal static class ContentRoot
{
    /// <summary>The API's own folder, so that appsettings.json is found from anywhere; null when one is configured, which the host
    /// resolves itself. It must be a folder the API can list: the host would stop with a stack trace, or start without settings files.</summary>
    /// <param name="host">The host's own settings, read as the host reads them.</param>
    /// <exception cref="UnreadableContentRootException">The folder does not exist or cannot be listed.</exception>
    public static string? Default(IConfiguration host)
    {
        var configured = host[HostDefaults.ContentRootKey];
        // As the host resolves it: a relative path from the API's own folder, not the working directory.
        var path = string.IsNullOrEmpty(configured) ? AppContext.BaseDirectory : Path.GetFullPath(configured, AppContext.BaseDirectory);
        EnsureListable(path);
        return configured is null ? AppContext.BaseDirectory : null;
    }

    private static void EnsureListable(string path)
    {
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
    }
}

/// <summary>The content root does not exist or cannot be listed.</summary>
internal sealed class UnreadableContentRootException(string message, Exception? innerException = null) : StartFailureException("Cannot start: " + message, innerException)
{
    public override int ExitCode => HostStart.UnreadableExitCode;
}
