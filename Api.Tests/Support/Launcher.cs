using System.Diagnostics;

namespace Api.Tests.Support;

/// <summary>
/// Commands that run the API (their arguments) in place of themselves, changed in one respect, for
/// <see cref="ApiProcess.Start"/>. Each leaves the machine as it was: nothing outlives the process.
/// </summary>
public static class Launcher
{
    /// <summary>
    /// In a user namespace of its own whose inotify instance limit is 0 (<c>/proc/sys/user/max_inotify_instances</c>
    /// applies to that namespace alone): as a user who has used up the limit, without touching anyone else's.
    /// </summary>
    public static IReadOnlyList<string> NoInotifyInstances { get; } =
        ["unshare", "--user", "--map-root-user", "sh", "-c", "echo 0 > /proc/sys/user/max_inotify_instances && exec \"$@\"", "sh"];

    /// <summary>
    /// Bound by file permissions, even its owner's: root without the capabilities that override them (as its own user
    /// it keeps writing what it owns, such as a coverage collector's files), anyone else as they are.
    /// </summary>
    public static IReadOnlyList<string> BoundByPermissions { get; } =
        Environment.UserName == "root" ? ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] : [];

    /// <summary>Ignores the test (reported as skipped, with the reason) unless the launcher can run the API here.</summary>
    public static void RequireUsable(IReadOnlyList<string> launcher)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Linux only");
        }

        string[] command = [.. launcher, "test", "-r", Path.Combine(ApiProcess.Directory, "Api.dll")];
        var start = new ProcessStartInfo(command[0], command[1..]) { RedirectStandardError = true, UseShellExecute = false };
        try
        {
            using var probe = Process.Start(start)!;
            var error = probe.StandardError.ReadToEnd();
            probe.WaitForExit();
            if (probe.ExitCode != 0)
            {
                Assert.Ignore($"'{string.Join(' ', launcher)}' cannot run the API from {ApiProcess.Directory} here (exit code {probe.ExitCode}): {error.Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            Assert.Ignore($"{launcher[0]} is not installed: {missing.Message}");
        }
    }
}
