using System.Data.Common;
using Api.Features.Items;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Api.Tests.Features.Items;

/// <summary>
/// A real database of its own for a test or fixture, and the item store on it as the API registers it: a SQLite file
/// in a temporary folder, or a database created on the PostgreSQL server <c>API_TEST_POSTGRES</c> names (dropped
/// afterwards). Without that variable a PostgreSQL test is ignored, with the reason.
/// </summary>
public sealed class StoreDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "API_TEST_POSTGRES";

    private readonly TemporaryFolder? _folder;
    private readonly string? _postgresServer;
    private readonly ServiceProvider _services;

    private StoreDatabase(string provider, string connectionString, TemporaryFolder? folder, string? postgresServer, string databaseName, IEnumerable<(string Key, string Value)> settings)
    {
        Time = new ShiftedTime();
        Provider = provider;
        ConnectionString = connectionString;
        DatabaseName = databaseName;
        _folder = folder;
        _postgresServer = postgresServer;
        _services = Build(provider, connectionString, folder?.FullName ?? Path.GetTempPath(), settings, SqliteFull, Time);
    }

    public string Provider { get; }

    /// <summary>As given in <c>ConnectionStrings:Items</c>.</summary>
    public string ConnectionString { get; }

    public string DatabaseName { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? File => _folder is null ? null : Path.Combine(_folder.FullName, "items.db");

    public IItemStore Store => _services.GetRequiredService<IItemStore>();

    public IServiceProvider Services => _services;

    /// <summary>The store's clock: the system's, moved on by hand.</summary>
    public ShiftedTime Time { get; }

    /// <summary>On SQLite, every connection opened from now on may not grow the file: each write that needs a new page fails with SQLITE_FULL.</summary>
    public MaxPageCountInterceptor SqliteFull { get; } = new();

    /// <summary>The connection string of the PostgreSQL server for tests, or ignores the test with how to give one.</summary>
    public static string PostgresServer() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server
        : throw new IgnoreException(
            $"{PostgresVariable} is not set: the PostgreSQL store tests need a server where they may CREATE DATABASE. "
            + $"For a throwaway one: export {PostgresVariable}=\"$(bash scripts/postgres.sh start /tmp/api-pg 55432)\" (and bash scripts/postgres.sh stop /tmp/api-pg after).");

    /// <summary>A fresh database, migrated as at start, and the store on it.</summary>
    public static async Task<StoreDatabase> CreateAsync(string provider, params (string Key, string Value)[] settings)
    {
        var database = Create(provider, settings);
        await database.OpenAsync(migrate: true);
        return database;
    }

    /// <summary>A fresh database, not opened yet: a SQLite file that does not exist, or a PostgreSQL database that does not either.</summary>
    public static StoreDatabase Create(string provider, params (string Key, string Value)[] settings)
    {
        if (provider == ItemsDatabaseSettings.Sqlite)
        {
            var folder = new TemporaryFolder();
            return new StoreDatabase(provider, $"Data Source={Path.Combine(folder.FullName, "items.db")}", folder, null, "items.db", settings);
        }

        return OnServer(PostgresServer(), settings);
    }

    /// <summary>A fresh database, migrated, and the store on it, on the PostgreSQL server given.</summary>
    public static async Task<StoreDatabase> CreateOnServerAsync(string server, params (string Key, string Value)[] settings)
    {
        var database = OnServer(server, settings);
        await database.OpenAsync(migrate: true);
        return database;
    }

    private static StoreDatabase OnServer(string server, (string Key, string Value)[] settings)
    {
        var name = "items_test_" + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new StoreDatabase(ItemsDatabaseSettings.Postgres, connectionString, null, server, name, settings);
    }

    /// <summary>Another store on the same database, as another replica or a later start would have (its own pool, its own settings).</summary>
    public ServiceProvider NewServices(params (string Key, string Value)[] settings) =>
        Build(Provider, ConnectionString, _folder?.FullName ?? Path.GetTempPath(), settings, new MaxPageCountInterceptor(), new ShiftedTime());

    /// <summary>Another store on the same database, with services of the test's own added last (an interceptor, say).</summary>
    public ServiceProvider NewServices(Action<IServiceCollection> configure, params (string Key, string Value)[] settings) =>
        Build(Provider, ConnectionString, _folder?.FullName ?? Path.GetTempPath(), settings, new MaxPageCountInterceptor(), new ShiftedTime(), configure);

    public Task<IReadOnlyList<string>> OpenAsync(bool migrate) => _services.GetRequiredService<ItemStoreOpener>().OpenAsync(migrate, CancellationToken.None);

    /// <summary>A connection of the test's own to the database, outside the store.</summary>
    public DbConnection Connect() => Provider == ItemsDatabaseSettings.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }

    private static ServiceProvider Build(
        string provider, string connectionString, string contentRoot, IEnumerable<(string Key, string Value)> settings, MaxPageCountInterceptor full, TimeProvider time,
        Action<IServiceCollection>? configure = null)
    {
        // The settings given come last: they may replace the provider and the connection string too.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = provider, ["ConnectionStrings:Items"] = connectionString })
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new TestEnvironment(contentRoot))
            .AddSingleton(time)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddValidatorsFromAssemblyContaining<ItemsDatabaseSettings>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddItemStore();
        services.ConfigureDbContext<SqliteItemsDbContext>(options => options.AddInterceptors(full));
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private sealed class TestEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Api";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>Once switched on, sets SQLite's max_page_count on each connection opened to the file's page count: a real SQLITE_FULL, without root.</summary>
public sealed class MaxPageCountInterceptor : DbConnectionInterceptor
{
    public bool On { get; set; }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (On && connection is SqliteConnection sqlite)
        {
            // A limit below the file's size is taken as the file's size.
            await using var command = new SqliteCommand("PRAGMA max_page_count = 1", sqlite);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (On && connection is SqliteConnection sqlite)
        {
            using var command = new SqliteCommand("PRAGMA max_page_count = 1", sqlite);
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>The system's clock, moved on by <see cref="Offset"/>: a test skips a wait rather than sleeping through it.</summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
