using System.Collections.Concurrent;
using Api.Features.Items;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Api.Tests.Features.Items;

/// <summary>
/// The start and the migrate command in the test process, on each database: what the process tests check from outside
/// (ItemStoreProcessTests), seen here by the code that decides it.
/// </summary>
[TestFixture(ItemsDatabaseSettings.Sqlite)]
[TestFixture(ItemsDatabaseSettings.Postgres)]
[NonParallelizable]
public sealed class ItemStoreStartTests(string provider)
{
    [Test]
    public async Task The_migrate_command_applies_the_missing_migrations_then_finds_the_store_up_to_date_and_exits_0()
    {
        await using var database = StoreDatabase.Create(provider);
        var where = Where(database);

        var first = Migrate(database.ConnectionString, database);
        var again = Migrate(database.ConnectionString, database);

        Assert.That(first.ExitCode, Is.Zero, first.Errors);
        Assert.That(first.Output, Does.Match($"^Applied to the item store at {System.Text.RegularExpressions.Regex.Escape(where)}: [0-9]+_CreateItems\\.\n$"));
        Assert.That(again.ExitCode, Is.Zero, again.Errors);
        Assert.That(again.Output, Is.EqualTo($"The item store at {where} is up to date.\n"));
        Assert.That(first.Errors + again.Errors, Is.Empty);
        Assert.That(await ItemStoreMigrationTests.ScalarAsync(database, """SELECT count(*) FROM "__EFMigrationsHistory" """), Is.EqualTo(1));
    }

    [Test]
    public async Task The_migrate_command_on_a_store_that_cannot_be_opened_writes_one_line_and_exits_74()
    {
        using var folder = new TemporaryFolder();
        string connectionString;
        if (provider == ItemsDatabaseSettings.Sqlite)
        {
            connectionString = $"Data Source={Path.Combine(folder.FullName, "garbage.db")}";
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "garbage.db"), [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);
        }
        else
        {
            connectionString = $"Host=127.0.0.1;Port={PrivatePostgres.FreePort()};Database=items;Username=api;Password=secret";
        }

        var migrate = Migrate(connectionString, contentRoot: folder.FullName);

        Assert.That(migrate.ExitCode, Is.EqualTo(ItemStoreStartException.IoErrorExitCode));
        Assert.That(migrate.Output, Is.Empty);
        Assert.That(migrate.Errors, Does.Match($"^Cannot open the item store \\({provider}\\) at [^\n]+: [^\n]+\\.\n$"));
        Assert.That(migrate.Errors, Does.Not.Contain("secret"));
    }

    [Test]
    public async Task The_start_migrates_a_fresh_database_and_logs_what_it_applied_and_a_later_start_logs_nothing()
    {
        await using var database = StoreDatabase.Create(provider);
        var where = Where(database);

        var first = new LogCapture();
        await using (var app = App(database.ConnectionString, database, first)) await Startup(app).StartAsync(CancellationToken.None);
        var later = new LogCapture();
        await using (var app = App(database.ConnectionString, database, later)) await Startup(app).StartAsync(CancellationToken.None);

        var applied = first.Entries.Where(entry => entry.Category == typeof(ItemStoreStartup).FullName).ToList();
        Assert.That(applied, Has.Count.EqualTo(1));
        Assert.That(applied[0].Level, Is.EqualTo(LogLevel.Information));
        Assert.That(applied[0].Message, Does.Match($"^Applied to the item store at {System.Text.RegularExpressions.Regex.Escape(where)}: [0-9]+_CreateItems$"));
        Assert.That(later.Entries.Where(entry => entry.Category == typeof(ItemStoreStartup).FullName), Is.Empty, "nothing applied, nothing said");
        Assert.That(await ItemStoreMigrationTests.ScalarAsync(database, """SELECT count(*) FROM "__EFMigrationsHistory" """), Is.EqualTo(1));
    }

    [Test]
    public async Task With_migrate_on_start_false_the_start_refuses_a_database_that_lacks_a_migration_and_leaves_it_unmigrated()
    {
        await using var database = await StoreDatabase.CreateAsync(provider);
        await using (var connection = database.Connect())
        {
            await connection.OpenAsync();
            await using var forget = connection.CreateCommand();
            forget.CommandText = """DELETE FROM "__EFMigrationsHistory" """;
            await forget.ExecuteNonQueryAsync();
        }

        await using var app = App(database.ConnectionString, database, new LogCapture(), ("Database:MigrateOnStart", "false"));
        var failure = await Assert.ThrowsAsync<ItemStoreStartException>(() => Startup(app).StartAsync(CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("its schema lacks the migrations"));
        Assert.That(failure.ExitCode, Is.EqualTo(ItemStoreStartException.IoErrorExitCode));
        Assert.That(await ItemStoreMigrationTests.ScalarAsync(database, """SELECT count(*) FROM "__EFMigrationsHistory" """), Is.Zero, "not migrated");
    }

    private static string Where(StoreDatabase database) =>
        database.File ?? $"{new NpgsqlConnectionStringBuilder(database.ConnectionString).Host}:{new NpgsqlConnectionStringBuilder(database.ConnectionString).Port}/{database.DatabaseName}";

    private static ItemStoreStartup Startup(WebApplication app) => app.Services.GetServices<IHostedService>().OfType<ItemStoreStartup>().Single();

    private (int ExitCode, string Output, string Errors) Migrate(string connectionString, StoreDatabase? database = null, string? contentRoot = null)
    {
        var console = (Console.Out, Console.Error);
        using var output = new StringWriter { NewLine = "\n" };
        using var errors = new StringWriter { NewLine = "\n" };
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            var app = App(connectionString, database, new LogCapture(), contentRoot: contentRoot);
            try
            {
                return (app.MigrateItemStore(), output.ToString(), errors.ToString());
            }
            finally
            {
                app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            Console.SetOut(console.Out);
            Console.SetError(console.Error);
        }
    }

    /// <summary>The API's store as Program.cs registers it, on the database given, with nothing else of the API.</summary>
    private WebApplication App(string connectionString, StoreDatabase? database, LogCapture log, params (string Key, string Value)[] settings) =>
        App(connectionString, database, log, null, settings);

    private WebApplication App(string connectionString, StoreDatabase? database, LogCapture log, string? contentRoot, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot ?? Path.GetDirectoryName(database?.File) ?? Path.GetTempPath(),
        });
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Database:Provider"] = provider, ["ConnectionStrings:Items"] = connectionString }
                .Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))));
        builder.WebHost.UseKestrelCore(); // built, never started: the store's start is called by hand
        builder.Logging.AddProvider(log);
        builder.Services.AddValidatorsFromAssemblyContaining<ItemsDatabaseSettings>(ServiceLifetime.Singleton, includeInternalTypes: true);
        builder.Services.AddItemStore();
        return builder.Build();
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message);

    /// <summary>Keeps what the loggers write.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception)));
        }
    }
}
