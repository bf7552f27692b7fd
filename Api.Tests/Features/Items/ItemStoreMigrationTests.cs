using System.Globalization;
using Api.Features.Items;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Features.Items;

/// <summary>Migrations at start: on a fresh database, by replicas starting at once, after a start killed mid-way, and refused when not applied.</summary>
[TestFixture(ItemsDatabaseSettings.Sqlite)]
[TestFixture(ItemsDatabaseSettings.Postgres)]
[NonParallelizable]
public sealed class ItemStoreMigrationTests(string provider)
{
    internal static async Task<long> ScalarAsync(StoreDatabase database, string sql)
    {
        await using var connection = database.Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return System.Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task The_committed_migrations_hold_every_change_of_the_model()
    {
        await using var database = StoreDatabase.Create(provider);
        await using DbContext db = provider == ItemsDatabaseSettings.Sqlite
            ? await database.Services.GetRequiredService<IDbContextFactory<SqliteItemsDbContext>>().CreateDbContextAsync()
            : await database.Services.GetRequiredService<IDbContextFactory<PostgresItemsDbContext>>().CreateDbContextAsync();

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "dotnet ef migrations add would find changes to write");
    }

    [Test]
    public async Task Replicas_migrating_one_fresh_database_at_once_all_start_and_the_migration_is_applied_once()
    {
        await using var database = StoreDatabase.Create(provider);
        var replicas = Enumerable.Range(0, 6).Select(_ => database.NewServices()).ToList();
        try
        {
            var applied = await Task.WhenAll(replicas.Select(replica =>
                Task.Run(() => replica.GetRequiredService<ItemStoreOpener>().OpenAsync(migrate: true, CancellationToken.None))));

            Assert.That(applied.Count(migrations => migrations.Count > 0), Is.GreaterThanOrEqualTo(1), "the fresh database lacked the migration");
            Assert.That(await ScalarAsync(database, """SELECT count(*) FROM "__EFMigrationsHistory" """), Is.EqualTo(1));
            foreach (var replica in replicas)
            {
                Assert.That((await replica.GetRequiredService<IItemStore>().AddAsync(new ItemFields("each", null, 1m))).Id, Is.GreaterThan(0));
            }
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }

    [Test]
    public async Task Without_migrating_a_database_whose_schema_lacks_a_migration_stops_the_start_naming_the_command()
    {
        await using var database = StoreDatabase.Create(provider);
        if (provider == ItemsDatabaseSettings.Postgres)
        {
            await using var server = new Npgsql.NpgsqlConnection(StoreDatabase.PostgresServer());
            await server.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        var failure = await Assert.ThrowsAsync<ItemStoreStartException>(() => database.OpenAsync(migrate: false));

        Assert.That(failure!.Message, Does.Match("^Cannot open the item store \\((Sqlite|Postgres)\\) at .+: its schema lacks the migrations [0-9]+_CreateItems; "
            + "apply them with 'dotnet Api.dll migrate', or start with Database:MigrateOnStart=true\\.$"));
        Assert.That(await database.OpenAsync(migrate: true), Has.Count.EqualTo(1));
        Assert.That(await database.OpenAsync(migrate: false), Is.Empty);
    }
}

/// <summary>EF Core's migration lock on SQLite is a row: one left by a killed process must not block the next start (PostgreSQL's is a table lock, released with its connection).</summary>
[NonParallelizable]
public sealed class SqliteMigrationLockTests
{
    [Test]
    public async Task A_start_killed_while_it_migrated_a_sqlite_file_does_not_block_the_next_one()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        await using (var connection = (SqliteConnection)database.Connect())
        {
            // The row EF Core's lock inserts, left behind as a process killed while migrating leaves it.
            await connection.OpenAsync();
            await using var left = new SqliteCommand("""INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2025-01-01 00:00:00+00:00')""", connection);
            await left.ExecuteNonQueryAsync();
        }

        await using var next = database.NewServices();
        var opened = next.GetRequiredService<ItemStoreOpener>().OpenAsync(migrate: true, CancellationToken.None);

        Assert.That(await opened.WaitAsync(TimeSpan.FromSeconds(30)), Is.Empty);
        Assert.That(await ItemStoreMigrationTests.ScalarAsync(database, """SELECT count(*) FROM "__EFMigrationsLock" """), Is.Zero);
    }
}

/// <summary>What every connection of the SQLite store runs with, read back from the connections themselves.</summary>
[NonParallelizable]
public sealed class SqliteDurabilityTests
{
    [Test]
    public async Task Every_connection_of_the_store_writes_ahead_with_synchronous_full()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        var contexts = database.Services.GetRequiredService<IDbContextFactory<SqliteItemsDbContext>>();

        var seen = new List<(long Synchronous, string JournalMode)>();
        for (var i = 0; i < 3; i++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var synchronous = new SqliteCommand("PRAGMA synchronous", connection);
            await using var journal = new SqliteCommand("PRAGMA journal_mode", connection);
            seen.Add(((long)(await synchronous.ExecuteScalarAsync())!, (string)(await journal.ExecuteScalarAsync())!));
        }

        Assert.That(seen, Has.All.EqualTo((2L, "wal")), "2 is FULL: synced at every commit, durable on power loss");
    }
}
