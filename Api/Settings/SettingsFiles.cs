namespace Api.Settings;

/// <summary>The settings files are read once outside Development: watched, each API holds an inotify instance, limited per user
/// (128 by default), and the replica that finds none left does not start. In Development an edit applies at once.</summary>
internal static class SettingsFiles
{
    /// <summary>The host's own switch for watching them: <c>--hostBuilder:reloadConfigOnChange</c>, <c>DOTNET_hostBuilder__reloadConfigOnChange</c>.</summary>
    public const string ReloadKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>The argument that turns watching off, to go before the others; none in Development, nor where the switch is set.</summary>
    /// <param name="host">The host's own settings, read as the host reads them.</param>
    public static string[] ReadOnceArguments(IConfiguration host) =>
        host[ReloadKey] is null && !string.Equals(host[HostDefaults.EnvironmentKey], Environments.Development, StringComparison.OrdinalIgnoreCase)
            ? [$"--{ReloadKey}=false"]
            : [];
}
