using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Api.Tests.Support;

/// <summary>
/// The built API (Api.dll beside the tests) as its own process on Kestrel, on a free loopback
/// port, in Production, with its standard output and error collected.
/// </summary>
public sealed class ApiProcess : IApiServer, IDisposable
{
    private const string Listening = "Now listening on: http://127.0.0.1:";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private TemporaryFolder? _database;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(_errors, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Directory => TestContext.CurrentContext.TestDirectory;

    public IReadOnlyList<string> Output => [.. _output];

    public IReadOnlyList<string> Errors => [.. _errors];

    public bool HasExited => _process.HasExited;

    /// <summary>The process id: that of the API itself, since a launcher given to <see cref="Start"/> replaces itself with it.</summary>
    public int Id => _process.Id;

    public int Port => _port.Task.IsCompletedSuccessfully ? _port.Task.Result : throw new InvalidOperationException("The API is not listening.");

    /// <summary>
    /// Starts the API with environment variables (<c>Limits__MaxBodyBytes</c>; removed where the value is null)
    /// and command-line arguments, on <paramref name="urls"/> (given as <c>--urls</c>; none when null); through
    /// <paramref name="launcher"/> when given, a command that runs its arguments in place of itself (<c>setpriv</c>, <c>unshare</c>).
    /// </summary>
    public static ApiProcess Start(
        IEnumerable<(string Name, string? Value)>? environment = null,
        IEnumerable<string>? arguments = null,
        string? workingDirectory = null,
        string? urls = "http://127.0.0.1:0",
        IReadOnlyList<string>? launcher = null)
    {
        string[] listen = urls is null ? [] : ["--urls", urls];
        string[] command = [.. launcher ?? [], "dotnet", Path.Combine(Directory, "Api.dll"), .. listen, .. arguments ?? []];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            WorkingDirectory = workingDirectory ?? Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        return Launch(start, environment, arguments);
    }

    private static ApiProcess Launch(ProcessStartInfo start, IEnumerable<(string Name, string? Value)>? environment, IEnumerable<string>? arguments)
    {
        var database = OwnDatabase(start, environment, arguments);
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        return new ApiProcess(Process.Start(start)!) { _database = database };
    }

    /// <summary>
    /// A SQLite file of the process's own in a temporary folder, deleted with it, unless the test names the database
    /// itself (or removes the setting to see the default): processes never share one by chance.
    /// </summary>
    private static TemporaryFolder? OwnDatabase(ProcessStartInfo start, IEnumerable<(string Name, string? Value)>? environment, IEnumerable<string>? arguments)
    {
        if (environment?.Any(setting => setting.Name == "ConnectionStrings__Items") == true
            || arguments?.Any(argument => argument.Contains("ConnectionStrings:Items", StringComparison.Ordinal)) == true)
        {
            return null;
        }

        var folder = new TemporaryFolder();
        start.Environment["ConnectionStrings__Items"] = $"Data Source={Path.Combine(folder.FullName, "items.db")}";
        return folder;
    }

    /// <summary>
    /// Starts the API as the README does, <c>dotnet run --project Api</c> (on the build the tests run, not
    /// building it again), with these environment variables set, or removed where the value is null.
    /// </summary>
    public static ApiProcess Run(params (string Name, string? Value)[] environment) => Run([], environment);

    /// <summary>The same, with these arguments after <c>--urls http://127.0.0.1:0</c>, all given to the API by <c>dotnet run -- ...</c>.</summary>
    public static ApiProcess Run(IEnumerable<string> arguments, params (string Name, string? Value)[] environment) =>
        RunWithArguments(["--urls", "http://127.0.0.1:0", .. arguments], environment);

    /// <summary>The same, with only these arguments after <c>--</c> (<c>dotnet run --project Api -- migrate</c>).</summary>
    public static ApiProcess RunWithArguments(IEnumerable<string> arguments, params (string Name, string? Value)[] environment)
    {
        var configuration = typeof(ApiProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var start = new ProcessStartInfo(
            "dotnet", ["run", "--project", Path.Combine(RepositoryRoot.Find(), "Api"), "--no-build", "-c", configuration, "--", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Launch(start, environment, arguments);
    }

    /// <summary>Starts the API and waits until it listens.</summary>
    public static Task<ApiProcess> StartListeningAsync(params (string Name, string? Value)[] environment) => StartListeningAsync(environment, []);

    public static async Task<ApiProcess> StartListeningAsync(IEnumerable<(string Name, string? Value)> environment, IEnumerable<string> arguments)
    {
        var api = Start(environment, arguments);
        try
        {
            await api.WaitForPortAsync();
            return api;
        }
        catch
        {
            api.Dispose(); // a start that failed or hung leaves no process behind
            throw;
        }
    }

    public async Task<int> WaitForPortAsync()
    {
        var exited = _process.WaitForExitAsync();
        // A guard against a start that hangs, not a speed target: on a busy shared machine a start (the JIT, a
        // PostgreSQL database created and migrated) has taken over 30 s.
        if (await Task.WhenAny(_port.Task, exited).WaitAsync(TimeSpan.FromSeconds(90)) == exited)
        {
            throw new InvalidOperationException($"The API exited with {_process.ExitCode}: {string.Join('\n', Errors)}");
        }

        return await _port.Task;
    }

    public async Task<ApiResponse> SendUncheckedAsync(ApiRequest request)
    {
        var exchange = await RawHttp.ExchangeAsync(Port, RawHttp.Format(request), TimeSpan.FromSeconds(30));
        var responses = RawHttp.Parse(exchange.Received, _ => request.Method == "HEAD");
        Assert.That(responses, Has.Count.EqualTo(1), $"{request.Method} {request.Target}: one answer, then the connection closes");
        return responses[0];
    }

    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Log lines may be written just after the answer reaches the client.</summary>
    public Task<string?> WaitForOutputAsync(Func<string, bool> predicate, int milliseconds = 5000) =>
        Poll.UntilAsync(() => Task.FromResult(Output.FirstOrDefault(predicate)), line => line is not null, TimeSpan.FromMilliseconds(milliseconds));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _database?.Dispose();
    }

    private void OnLine(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null) return;

        lines.Enqueue(line);
        var at = line.IndexOf(Listening, StringComparison.Ordinal);
        if (at >= 0)
        {
            var digits = new string([.. line[(at + Listening.Length)..].TakeWhile(char.IsDigit)]);
            _port.TrySetResult(int.Parse(digits, CultureInfo.InvariantCulture));
        }
    }
}
