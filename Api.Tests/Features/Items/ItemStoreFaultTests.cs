using System.Diagnostics;
using Api.Features.Items;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Api.Tests.Features.Items;

/// <summary>
/// A database that stops taking writes while the API runs: the store throws <see cref="StoreUnavailableException"/>,
/// never hangs and never lets another exception through, and readiness reports it.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ItemStoreFaultTests
{
    private static readonly ItemFields Pen = new("pen", null, 1.5m);

    private static Task<HealthCheckResult> ReadinessAsync(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<ItemStoreHealthCheck>(services).CheckHealthAsync(new HealthCheckContext());

    [Test]
    public async Task A_full_sqlite_database_makes_writes_unavailable_and_readiness_unhealthy_until_the_failure_is_old_and_the_disk_has_room()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        var kept = await database.Store.AddAsync(Pen);
        database.SqliteFull.On = true;

        StoreUnavailableException? failure = null;
        for (var attempt = 0; attempt < 200 && failure is null; attempt++)
        {
            try
            {
                await database.Store.AddAsync(new ItemFields("filler", new string('x', 1000), 1m));
            }
            catch (StoreUnavailableException unavailable)
            {
                failure = unavailable;
            }
        }

        Assert.That(failure, Is.Not.Null, "SQLITE_FULL within 200 rows of 1 KB");
        Assert.That(failure!.InnerException, Is.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(SQLitePCL.raw.SQLITE_FULL));
        Assert.That((await ReadinessAsync(database.Services)).Status, Is.EqualTo(HealthStatus.Unhealthy), "a recent write failure");
        Assert.That((await database.Store.FindAsync(kept.Id))!.Name, Is.EqualTo("pen"), "reads still work");

        database.Time.Offset = ItemStoreHealth.Window;
        Assert.That((await ReadinessAsync(database.Services)).Status, Is.EqualTo(HealthStatus.Healthy), "the probe writes nothing, and the failure is old");
        database.SqliteFull.On = false;
        Assert.That((await database.Store.AddAsync(Pen)).Id, Is.GreaterThan(kept.Id));
    }

    [Test]
    public async Task A_sqlite_database_held_by_another_writer_beyond_the_timeout_is_unavailable_not_a_hang()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite, ("Database:TimeoutSeconds", "1"));
        await using var holder = (SqliteConnection)database.Connect();
        await holder.OpenAsync();
        await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync();
        await using (var write = new SqliteCommand("INSERT INTO items (name, price_cents, created_at, updated_at, version) VALUES ('held', 0, 0, 0, 1)", holder, transaction))
        {
            await write.ExecuteNonQueryAsync();
        }

        var stopwatch = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => database.Store.AddAsync(Pen));
        var waited = stopwatch.Elapsed;
        var readiness = await ReadinessAsync(database.Services);
        await transaction.RollbackAsync();

        // SQLite's own wait for the lock (the command timeout, 1 s, in 150 ms sleeps) ends about when the store's deadline does.
        Assert.That(failure!.Message, Is.EqualTo("The database did not answer within 1 s.").Or.StartsWith("The SQLite database stayed locked by another process"));
        Assert.That(failure.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(waited, Is.LessThan(TimeSpan.FromSeconds(30)), "bounded by the timeout, not stuck");
        Assert.That(readiness.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That((await database.Store.FindAsync(1)), Is.Null, "readers are not blocked by the writer in WAL mode");
    }

    [Test]
    public async Task A_read_only_sqlite_file_refuses_writes_as_unavailable_and_fails_readiness()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        var kept = await database.Store.AddAsync(Pen);
        await using var services = database.NewServices();
        using var readOnly = ReadOnlyFile.Make(database.File!);
        // Connections opened before keep writing to the write-ahead log; those opened from now on find the file read-only.
        SqliteConnection.ClearAllPools();

        var store = services.GetRequiredService<IItemStore>();
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.AddAsync(Pen));
        var readiness = await ReadinessAsync(services);

        Assert.That(failure!.InnerException, Is.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(SQLitePCL.raw.SQLITE_READONLY));
        Assert.That(readiness.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That((await store.FindAsync(kept.Id))!.Name, Is.EqualTo("pen"));
    }

    [Test]
    public async Task A_stopped_postgresql_server_is_unavailable_and_fails_readiness_and_the_store_recovers_once_it_is_back()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var database = await StoreDatabase.CreateOnServerAsync(server.ConnectionString, ("Database:TimeoutSeconds", "2"));
        var kept = await database.Store.AddAsync(Pen);

        await server.StopAsync();
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => database.Store.AddAsync(Pen));
        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => database.Store.FindAsync(kept.Id));
        var readiness = await ReadinessAsync(database.Services);
        await server.StartAgainAsync();

        Assert.That(failure!.InnerException, Is.InstanceOf<NpgsqlException>());
        Assert.That(read, Is.Not.Null);
        Assert.That(readiness.Status, Is.EqualTo(HealthStatus.Unhealthy));
        NpgsqlConnection.ClearAllPools();
        Assert.That((await database.Store.FindAsync(kept.Id))!.Name, Is.EqualTo("pen"));
        Assert.That((await database.Store.AddAsync(Pen)).Id, Is.GreaterThan(kept.Id));
    }

    [TestCase(null, 1)]
    [TestCase(3, 3)]
    [Setting("Database:TimeoutSeconds")]
    public async Task A_postgresql_connection_is_waited_for_up_to_the_connection_strings_timeout_else_the_stores(int? connectionTimeout, int waited)
    {
        var server = new NpgsqlConnectionStringBuilder(StoreDatabase.PostgresServer()) { MaxPoolSize = 2 };
        if (connectionTimeout is { } seconds) server.Timeout = seconds;
        await using var database = await StoreDatabase.CreateOnServerAsync(server.ConnectionString, ("Database:TimeoutSeconds", "1"));
        // The store's pool is its connection string's: the test takes both of its connections.
        var store = database.Services.GetRequiredService<ItemStoreTarget>().ConnectionString;
        await using var first = new NpgsqlConnection(store);
        await using var second = new NpgsqlConnection(store);
        await first.OpenAsync();
        await second.OpenAsync();

        var stopwatch = Stopwatch.StartNew();
        await using var third = new NpgsqlConnection(store);
        var exhausted = await Assert.CatchAsync<NpgsqlException>(() => third.OpenAsync());
        var gaveUpAfter = stopwatch.Elapsed;
        stopwatch.Restart();
        var unavailable = await Assert.ThrowsAsync<StoreUnavailableException>(() => database.Store.FindAsync(1));
        var answeredAfter = stopwatch.Elapsed;

        Assert.That(exhausted, Is.Not.Null);
        Assert.That(gaveUpAfter.TotalSeconds, Is.InRange(waited - 0.1, waited + 5), "the pool's wait: the connection string's Timeout, else Database:TimeoutSeconds, not Npgsql's 15 s");
        Assert.That(unavailable, Is.Not.Null);
        Assert.That(answeredAfter.TotalSeconds, Is.InRange(0.9, 6), "the store answers after Database:TimeoutSeconds");
        TestContext.Out.WriteLine($"The pool gave up after {gaveUpAfter.TotalSeconds:0.00} s; the store answered after {answeredAfter.TotalSeconds:0.00} s.");
    }

    [Test]
    public void An_exception_that_is_not_the_databases_fault_is_not_taken_for_one() =>
        Assert.That(ItemStoreFaults.Classify(new InvalidOperationException("a bug", new ArgumentException("x"))), Is.Null);
}
