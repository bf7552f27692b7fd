using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Api.Tests.Features.Items;

/// <summary>
/// A PostgreSQL cluster of the test's own (scripts/postgres.sh), which it may stop and start again without touching
/// the shared one; ignored, with the reason, where PostgreSQL's server binaries are not installed.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "api-pg-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort();
    private int[] _frozen = [];

    private PrivatePostgres()
    {
    }

    public string ConnectionString { get; private set; } = "";

    public static async Task<PrivatePostgres> StartAsync()
    {
        if (!Directory.Exists("/usr/lib/postgresql") || Directory.GetFiles("/usr/lib/postgresql", "initdb", SearchOption.AllDirectories).Length == 0)
        {
            Assert.Ignore("PostgreSQL's server binaries are not installed: apt-get install postgresql (bash scripts/postgres.sh start DIR PORT installs it too).");
        }

        var server = new PrivatePostgres();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync() => ConnectionString = (await ScriptAsync("start", _directory, _port.ToString(CultureInfo.InvariantCulture))).Trim();

    public Task StopAsync() => ScriptAsync("stop", _directory);

    /// <summary>
    /// Suspends every process of the cluster (SIGSTOP), the server first so that it starts no other: connections stay
    /// open and the kernel still accepts new ones, but nothing answers, as when a server hangs or its host stops answering.
    /// </summary>
    public async Task FreezeAsync()
    {
        var server = int.Parse((await File.ReadAllLinesAsync(Path.Combine(_directory, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
        await SignalAsync("STOP", [server]);
        _frozen = [server, .. ChildrenOf(server)];
        await SignalAsync("STOP", _frozen);
    }

    /// <summary>Resumes what <see cref="FreezeAsync"/> suspended.</summary>
    public async Task ThawAsync()
    {
        var frozen = _frozen;
        _frozen = [];
        await SignalAsync("CONT", frozen);
    }

    public async ValueTask DisposeAsync()
    {
        await ThawAsync();
        await ScriptAsync("destroy", _directory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => (Id: int.Parse(name!, CultureInfo.InvariantCulture), Stat: ReadStat(name!)))
            // /proc/PID/stat: "PID (COMMAND) STATE PPID ...", and COMMAND may hold spaces and parentheses.
            .Where(process => process.Stat is { } stat && stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1] == parent.ToString(CultureInfo.InvariantCulture))
            .Select(process => process.Id)
            .ToList();

    private static string? ReadStat(string process)
    {
        try
        {
            return File.ReadAllText(Path.Combine("/proc", process, "stat"));
        }
        catch (IOException)
        {
            return null; // it has exited meanwhile
        }
    }

    private static async Task SignalAsync(string signal, int[] processes)
    {
        if (processes.Length == 0) return;
        using var kill = Process.Start("kill", [$"-{signal}", .. processes.Select(id => id.ToString(CultureInfo.InvariantCulture))])!;
        await kill.WaitForExitAsync();
        Assert.That(kill.ExitCode, Is.Zero, $"kill -{signal} {string.Join(' ', processes)}");
    }

    private static async Task<string> ScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Find(), "scripts", "postgres.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.That(script.ExitCode, Is.Zero, $"scripts/postgres.sh {string.Join(' ', arguments)}: {await errors}");
        return await output;
    }
}

/// <summary>
/// Makes a file read-only in a way root respects too (the tests run as root in CI): the immutable attribute for root,
/// the file's mode otherwise. Undone when disposed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode? _mode;

    private ReadOnlyFile(string path, UnixFileMode? mode)
    {
        _path = path;
        _mode = mode;
    }

    public static ReadOnlyFile Make(string path)
    {
        if (Environment.UserName != "root")
        {
            var mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return new ReadOnlyFile(path, mode);
        }

        if (Chattr("+i", path) != 0) Assert.Ignore($"chattr +i does not work on {path}'s file system.");
        return new ReadOnlyFile(path, null);
    }

    public void Dispose()
    {
        if (_mode is { } mode) File.SetUnixFileMode(_path, mode);
        else Chattr("-i", _path);
    }

    private static int Chattr(string change, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true })!;
        chattr.WaitForExit();
        return chattr.ExitCode;
    }
}
