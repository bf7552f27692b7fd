namespace Api.Tests.RealServer;

/// <summary>
/// Outside Development the settings files are read once: the API holds no inotify instance and no watcher thread,
/// starts where no instance is left, and an edit of appsettings.json applies at the next start. In Development they
/// are watched (one instance, one thread) and an edit applies at once.
/// </summary>
[NonParallelizable]
public sealed class SettingsFilesTests
{
    // Every kind of answer: the routes, the docs page and its script (Scalar's embedded files), the document, the metrics.
    private static readonly string[] Paths = ["/", "/test/1", "/docs", "/docs/scalar.js", "/openapi/v1.json", "/metrics", "/healthz", "/readyz", "/nope"];

    private static async Task<(int Instances, int Threads)> WatchersAsync(ApiProcess api)
    {
        foreach (var path in Paths) await api.SendUncheckedAsync(ApiRequest.Get(path));

        await api.PostFormAsync("/exemple", "param1=a");
        return (InotifyInstances(api.Id), WatcherThreads(api.Id));
    }

    // Each inotify instance is a descriptor linked to "anon_inode:inotify".
    private static int InotifyInstances(int pid) =>
        new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos().Count(descriptor => descriptor.LinkTarget == "anon_inode:inotify");

    // FileSystemWatcher reads its instance on a thread of its own, ".NET File Watcher" (the kernel keeps 15 characters of a name).
    private static int WatcherThreads(int pid) =>
        new DirectoryInfo($"/proc/{pid}/task").EnumerateDirectories().Count(thread => File.ReadAllText(Path.Combine(thread.FullName, "comm")).Trim() == ".NET File Watch");

    [Test]
    [Platform("Linux")]
    public async Task Outside_development_the_api_holds_no_inotify_instance_and_no_watcher_thread([Values("Production", "Staging")] string environment)
    {
        using var api = await ApiProcess.StartListeningAsync(("ASPNETCORE_ENVIRONMENT", environment));

        Assert.That(await WatchersAsync(api), Is.EqualTo((0, 0)));
    }

    [Test]
    [Platform("Linux")]
    public async Task In_development_the_settings_files_hold_one_inotify_instance_and_one_thread_and_nothing_else_does()
    {
        using var api = await ApiProcess.StartListeningAsync(("ASPNETCORE_ENVIRONMENT", "Development"));
        using var unwatched = await ApiProcess.StartListeningAsync([("ASPNETCORE_ENVIRONMENT", "Development")], ["--hostBuilder:reloadConfigOnChange=false"]);

        Assert.That(await WatchersAsync(api), Is.EqualTo((1, 1)));
        Assert.That(await WatchersAsync(unwatched), Is.EqualTo((0, 0)), "the host's own switch turns it off");
    }

    [Test]
    [Platform("Linux")]
    public async Task Outside_development_the_api_starts_where_no_inotify_instance_is_left()
    {
        Launcher.RequireUsable(Launcher.NoInotifyInstances);
        using var api = ApiProcess.Start(launcher: Launcher.NoInotifyInstances);
        await api.WaitForPortAsync();

        Assert.That((await api.GetAsync("/")).Text, Is.EqualTo("Hello World"));
        Assert.That(api.Errors, Is.Empty);
    }

    // The host filter reads AllowedHosts from the configuration on every request: a change shows in the next answer.
    // With polling (DOTNET_USE_POLLING_FILE_WATCHER) instead of inotify too, every 4 s: outside Development, neither.
    [Test]
    public async Task An_edit_of_appsettings_json_applies_at_once_in_development_and_elsewhere_at_the_next_start([Values(false, true)] bool polling)
    {
        using var production = new TemporaryFolder();
        using var development = new TemporaryFolder();
        (string, string?)[] environment = [("DOTNET_USE_POLLING_FILE_WATCHER", polling ? "true" : null)];
        foreach (var folder in new[] { production, development })
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "appsettings.json"), """{ "AllowedHosts": "*" }""");
        }

        using var watched = await ApiProcess.StartListeningAsync([.. environment, ("ASPNETCORE_ENVIRONMENT", "Development")], ["--contentRoot", development.FullName]);
        using var api = await ApiProcess.StartListeningAsync(environment, ["--contentRoot", production.FullName]);
        Assert.That(await StatusAsync(watched), Is.EqualTo(200));
        Assert.That(await StatusAsync(api), Is.EqualTo(200));

        foreach (var folder in new[] { production, development })
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "appsettings.json"), """{ "AllowedHosts": "api.example" }""");
        }

        Assert.That(await Poll.UntilAsync(() => StatusAsync(watched), status => status != 200, TimeSpan.FromSeconds(30)), Is.EqualTo(400), "Development: the edit applies");
        // A watching API would have seen it by then too: each polls on a timer of its own, every 4 s.
        await Task.Delay(polling ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(1));
        Assert.That(await StatusAsync(api), Is.EqualTo(200), "elsewhere: the running API still has the settings it started with");
        using var restarted = await ApiProcess.StartListeningAsync(environment, ["--contentRoot", production.FullName]);
        Assert.That(await StatusAsync(restarted), Is.EqualTo(400), "and the next start reads the edit");
    }

    // The host filter's 400 is its own HTML page, outside the document: the status alone is read.
    private static async Task<int> StatusAsync(ApiProcess api) => (await api.SendUncheckedAsync(ApiRequest.Get("/"))).Status;
}
