namespace Api.Settings;

// Read once outside Development: watched, each API holds an inotify instance, limited per user (128 by default).
internal static class SettingsFiles
{
    public const string ReloadKey = "hostBuilder:reloadConfigOnChange";

    public static string[] ReadOnceArguments(IConfiguration host) =>
        host[ReloadKey] is null && !string.Equals(host[HostDefaults.EnvironmentKey], Environments.Development, StringComparison.OrdinalIgnoreCase)
            ? [$"--{ReloadKey}=false"]
            : [];
}
