using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Api.Features.Items;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Api.Tests.Features.Items;

/// <summary>
/// The store in the real process: acknowledged writes survive kill -9, a store that cannot be opened stops the start
/// with one line and exit code 74, invalid settings with exit code 78, and the migrate command.
/// </summary>
[NonParallelizable]
public sealed class ItemStoreProcessTests
{
    private const string StoreLine = @"^Cannot open the item store \((Sqlite|Postgres)\) at [^\n]+: [^\n]+\.$";

    private static (string, string?) Items(string file) => ("ConnectionStrings__Items", $"Data Source={file}");

    private static async Task AssertStoppedAsync(ApiProcess api, int exitCode, string linePattern)
    {
        Assert.That(await api.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(exitCode), string.Join('\n', api.Errors));
        Assert.That(api.Errors, Has.Count.EqualTo(1));
        Assert.That(api.Errors[0], Does.Match(linePattern));
        Assert.That(api.Output, Has.None.Contains("Now listening"));
        Assert.That(api.Output.Concat(api.Errors), Has.None.Match(@"^\s+at "), "no stack trace");
    }

    [Test]
    [Setting("ConnectionStrings:Items")]
    public async Task Writes_answered_before_a_kill_9_are_read_back_after_a_restart()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.FullName, "kept", "items.db");
        var acknowledged = new Dictionary<long, string>();
        using (var api = await ApiProcess.StartListeningAsync(Items(file)))
        {
            var writes = Enumerable.Range(0, 40).Select(async i =>
            {
                var name = $"item {i}";
                var answer = await ItemWriter.AddAsync(api, name);
                Assert.That(answer.Status, Is.EqualTo(201));
                return (Id: ItemWriter.IdOf(answer), name);
            });
            foreach (var (id, name) in await Task.WhenAll(writes)) acknowledged[id] = name;
            Assert.That(File.Exists(file), "the folder is created, the database where the setting says");
        } // Disposed: killed with SIGKILL.

        using var restarted = await ApiProcess.StartListeningAsync(Items(file));
        foreach (var (id, name) in acknowledged)
        {
            Assert.That(await ItemWriter.NameAsync(restarted, id), Is.EqualTo(name));
        }
    }

    [Test]
    public async Task A_store_that_cannot_be_opened_stops_the_start_with_one_line_and_exit_code_74()
    {
        using var folder = new TemporaryFolder();
        var notAFolder = Path.Combine(folder.FullName, "data");
        await File.WriteAllTextAsync(notAFolder, "a file where the folder should be");
        var notADatabase = Path.Combine(folder.FullName, "garbage.db");
        await File.WriteAllBytesAsync(notADatabase, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);
        var port = PrivatePostgres.FreePort();
        var apis = new[]
        {
            (ApiProcess.Start([Items(Path.Combine(notAFolder, "items.db"))]), $"^Cannot open the item store \\(Sqlite\\) at {Regex.Escape(notAFolder)}/items.db: .+\\.$"),
            (ApiProcess.Start([Items(notADatabase)]), $"^Cannot open the item store \\(Sqlite\\) at {Regex.Escape(notADatabase)}: SQLite Error 26: 'file is not a database'\\.$"),
            (ApiProcess.Start([("Database__Provider", "Postgres"), ("ConnectionStrings__Items", $"Host=127.0.0.1;Port={port};Database=items;Username=api;Password=secret")]),
                $"^Cannot open the item store \\(Postgres\\) at 127.0.0.1:{port}/items: .*Connection refused\\.$"),
        };
        try
        {
            foreach (var (api, line) in apis)
            {
                await AssertStoppedAsync(api, ItemStoreStartException.IoErrorExitCode, line);
                Assert.That(api.Errors[0], Does.Not.Contain("secret"));
            }
        }
        finally
        {
            foreach (var (api, _) in apis) api.Dispose();
        }
    }

    [TestCase("Database__Provider", "MySql", "Invalid setting Database:Provider='MySql': must be Sqlite or Postgres (in any case).")]
    [TestCase("Database__TimeoutSeconds", "0", "Invalid setting Database:TimeoutSeconds='0': must be a number of seconds from 1 to 300.")]
    [TestCase("Database__MigrateOnStart", "maybe", "Invalid setting Database:MigrateOnStart='maybe': must be true or false.")]
    [TestCase("ConnectionStrings__Items", "Data Sorce=items.db",
        "Invalid setting ConnectionStrings:Items='(not shown)': must be a SQLite connection string naming a file, such as Data Source=data/items.db.")]
    [TestCase("ConnectionStrings__Items", "Data Source=:memory:",
        "Invalid setting ConnectionStrings:Items='(not shown)': must be a SQLite connection string naming a file, such as Data Source=data/items.db (writable, not in memory).")]
    public async Task An_invalid_database_setting_stops_the_start_with_one_line_and_exit_code_78(string variable, string value, string line)
    {
        using var api = ApiProcess.Start([(variable, value)]);

        await AssertStoppedAsync(api, 78, "^" + Regex.Escape(line) + "$");
        Assert.That(api.Output, Is.Empty);
    }

    [Test]
    public async Task A_postgresql_connection_string_that_does_not_parse_is_refused_without_showing_it()
    {
        using var api = ApiProcess.Start([("Database__Provider", "postgres"), ("ConnectionStrings__Items", "Hots=db;Password=secret")]);

        await AssertStoppedAsync(api, 78, "^" + Regex.Escape(
            "Invalid setting ConnectionStrings:Items='(not shown)': must be a PostgreSQL connection string, such as Host=db;Database=items;Username=api;Password=....") + "$");
    }

    [Test]
    [Setting("Database:MigrateOnStart")]
    public async Task Without_migrations_at_start_the_migrate_command_applies_them_and_the_api_then_starts()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.FullName, "items.db");
        (string, string?)[] settings = [Items(file), ("Database__MigrateOnStart", "false")];

        using (var refused = ApiProcess.Start(settings))
        {
            await AssertStoppedAsync(refused, 74, "^Cannot open the item store \\(Sqlite\\) at .+: its schema lacks the migrations [0-9]+_CreateItems; apply them with 'dotnet Api.dll migrate', or start with Database:MigrateOnStart=true\\.$");
        }

        using (var migrate = ApiProcess.Start(settings, ["migrate"], urls: null))
        {
            Assert.That(await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, string.Join('\n', migrate.Errors));
            Assert.That(migrate.Output, Is.EqualTo(new[] { $"Applied to the item store at {file}: " }).Using<string>((a, b) => a.StartsWith(b, StringComparison.Ordinal)));
            Assert.That(migrate.Output[0], Does.Match("_CreateItems\\.$"));
        }

        using (var again = ApiProcess.Start(settings, ["migrate"], urls: null))
        {
            Assert.That(await again.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero);
            Assert.That(again.Output, Is.EqualTo(new[] { $"The item store at {file} is up to date." }));
        }

        using var api = await ApiProcess.StartListeningAsync(settings, []);
        Assert.That((await api.GetAsync("/readyz")).Status, Is.EqualTo(200));
        Assert.That((await ItemWriter.AddAsync(api, "after migrate")).Status, Is.EqualTo(201));
    }

    [Test]
    [Setting("Database:TimeoutSeconds")]
    public async Task A_write_waiting_on_the_database_longer_than_the_timeout_is_refused_and_readiness_fails_until_it_is_free()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.FullName, "items.db");
        using var api = await ApiProcess.StartListeningAsync(Items(file), ("Database__TimeoutSeconds", "1"));
        await using var holder = new SqliteConnection($"Data Source={file}");
        await holder.OpenAsync();
        await using (var transaction = holder.BeginTransaction(deferred: false))
        {
            var stopwatch = Stopwatch.StartNew();
            var blocked = await ItemWriter.AddAsync(api, "blocked");
            ProblemAssert.IsProblem(blocked, 503);
            Assert.That(blocked.Headers.RetryAfter.ToString(), Is.EqualTo("1"), "the store's busy retry, in seconds");
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "the 1 s timeout, not the default 5 s times retries");
            Assert.That((await api.SendUncheckedAsync(ApiRequest.Get("/readyz"))).Status, Is.EqualTo(503));
            Assert.That((await api.GetAsync("/healthz")).Status, Is.EqualTo(200), "liveness does not depend on the store");
        }

        Assert.That((await ItemWriter.AddAsync(api, "free")).Status, Is.EqualTo(201));
    }

    [Test]
    [Setting("Database:Provider")]
    public async Task On_postgresql_the_api_creates_and_migrates_its_database_and_keeps_its_items()
    {
        var server = StoreDatabase.PostgresServer();
        var name = "items_process_" + Guid.NewGuid().ToString("N");
        (string, string?)[] settings = [("Database__Provider", "Postgres"), ("ConnectionStrings__Items", new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString)];
        try
        {
            long id;
            using (var api = await ApiProcess.StartListeningAsync(settings, []))
            {
                var answer = await ItemWriter.AddAsync(api, "on postgres");
                Assert.That(answer.Status, Is.EqualTo(201));
                id = ItemWriter.IdOf(answer);
                Assert.That((await api.GetAsync("/readyz")).Status, Is.EqualTo(200));
            }

            using var restarted = await ApiProcess.StartListeningAsync(settings, []);
            Assert.That(await ItemWriter.NameAsync(restarted, id), Is.EqualTo("on postgres"));
        }
        finally
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    // docs/operations.md, "Database": the backup command, against a running API, and the restore.
    [Test]
    public async Task The_documented_backup_of_a_running_api_restores_its_items()
    {
        if (!File.Exists("/usr/bin/sqlite3")) Assert.Ignore("sqlite3 is not installed (apt-get install sqlite3; .ci/run installs it).");
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.FullName, "items.db");
        var backup = Path.Combine(folder.FullName, "backup.db");
        var ids = new List<long>();
        using (var api = await ApiProcess.StartListeningAsync(Items(file)))
        {
            for (var i = 0; i < 5; i++) ids.Add(ItemWriter.IdOf(await ItemWriter.AddAsync(api, $"backed up {i}")));
            using (var sqlite3 = Process.Start("sqlite3", [file, $".backup '{backup}'"]))
            {
                await sqlite3.WaitForExitAsync();
                Assert.That(sqlite3.ExitCode, Is.Zero);
            }

            Assert.That((await ItemWriter.AddAsync(api, "after the backup")).Status, Is.EqualTo(201));
            api.Terminate();
            Assert.That(await api.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero);
        }

        File.Copy(backup, file, overwrite: true);
        File.Delete(file + "-wal");
        File.Delete(file + "-shm");
        using var restored = await ApiProcess.StartListeningAsync(Items(file));
        foreach (var id in ids) Assert.That(await ItemWriter.NameAsync(restored, id), Does.StartWith("backed up"));
        Assert.That(await ItemWriter.NameAsync(restored, ids[^1] + 1), Is.Null, "written after the backup");
    }
}
