using System.Data.Common;
using System.Net.Sockets;
using Api.Features.Items;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Api.Tests.Features.Items;

/// <summary>
/// A store that cannot be opened stops the start with one line naming the store, the place and the cause (the
/// exception's own words and its causes', each once); where it can be opened, the opener makes what it needs.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ItemStoreOpenerTests
{
    private static string Words(Exception exception) => exception.Message.TrimEnd('.');

    [Test]
    public async Task A_sqlite_file_in_a_folder_that_does_not_exist_yet_is_created_there_relative_to_the_content_root()
    {
        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Sqlite, ("ConnectionStrings:Items", "Data Source=kept/data/items.db"));
        var file = Path.Combine(Path.GetDirectoryName(database.File)!, "kept", "data", "items.db");

        var applied = await database.OpenAsync(migrate: true);

        Assert.That(database.Services.GetRequiredService<ItemStoreTarget>().Where, Is.EqualTo(file));
        Assert.That(applied, Has.Count.EqualTo(1));
        Assert.That(File.Exists(file), "the folders are created, the database where the setting says");
        Assert.That((await database.Store.AddAsync(new ItemFields("kept", null, 1m))).Id, Is.GreaterThan(0));
    }

    [TestCase("Cannot connect.|Connection refused", ExpectedResult = "Cannot connect: Connection refused")]
    [TestCase("first line\nsecond line", ExpectedResult = "first line second line")]
    [TestCase("  padded.  ", ExpectedResult = "padded")]
    [TestCase("Outer||Inner", ExpectedResult = "Outer: Inner")]
    [TestCase("|Inner", ExpectedResult = "Inner")]
    [TestCase("Failed: the server refused|the server refused", ExpectedResult = "Failed: the server refused")]
    [TestCase("Same.|Same", ExpectedResult = "Same")]
    public string The_cause_is_each_exceptions_words_on_one_line_without_empty_or_repeated_ones(string chain) =>
        ItemStoreOpener.Cause(chain.Split('|').Reverse().Aggregate((Exception?)null, (inner, message) => new InvalidOperationException(message, inner))!);

    [Test]
    public async Task A_sqlite_file_whose_folder_is_a_file_stops_the_start_naming_the_place_and_the_cause()
    {
        using var folder = new TemporaryFolder();
        var notAFolder = Path.Combine(folder.FullName, "data");
        await File.WriteAllTextAsync(notAFolder, "a file where the folder should be");
        var file = Path.Combine(notAFolder, "items.db");
        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Sqlite, ("ConnectionStrings:Items", $"Data Source={file}"));

        var failure = await Assert.ThrowsAsync<ItemStoreStartException>(() => database.OpenAsync(migrate: true));

        Assert.That(failure!.InnerException, Is.InstanceOf<IOException>());
        Assert.That(failure.Message, Is.EqualTo($"Cannot open the item store (Sqlite) at {file}: {Words(failure.InnerException!)}."));
    }

    [Test]
    public async Task A_file_that_is_not_a_database_stops_the_start_with_sqlites_words()
    {
        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Sqlite);
        await File.WriteAllBytesAsync(database.File!, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);

        var failure = await Assert.ThrowsAsync<ItemStoreStartException>(() => database.OpenAsync(migrate: true));

        Assert.That(failure!.InnerException, Is.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(SQLitePCL.raw.SQLITE_NOTADB));
        Assert.That(failure.Message, Is.EqualTo($"Cannot open the item store (Sqlite) at {database.File}: SQLite Error 26: 'file is not a database'."));
    }

    [Test]
    public async Task A_folder_where_the_store_may_not_create_its_file_stops_the_start()
    {
        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Sqlite);
        using (ReadOnlyFile.Make(Path.GetDirectoryName(database.File)!))
        {
            Assert.That(() => File.WriteAllText(database.File + ".probe", ""), Throws.InstanceOf<UnauthorizedAccessException>().Or.InstanceOf<IOException>(), "not bypassed as root");

            var failure = await Assert.ThrowsAsync<ItemStoreStartException>(() => database.OpenAsync(migrate: true));

            Assert.That(failure!.InnerException, Is.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(SQLitePCL.raw.SQLITE_CANTOPEN));
            Assert.That(failure.Message, Is.EqualTo($"Cannot open the item store (Sqlite) at {database.File}: {Words(failure.InnerException!)}."));
        }
    }

    [Test]
    public async Task A_postgresql_database_that_takes_no_writes_stops_the_start_at_the_write_probe()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Postgres);
        await using (var server = new NpgsqlConnection(StoreDatabase.PostgresServer()))
        {
            await server.OpenAsync();
            await using var readOnly = new NpgsqlCommand($"ALTER DATABASE \"{database.DatabaseName}\" SET default_transaction_read_only = on", server);
            await readOnly.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var later = database.NewServices();
        var where = later.GetRequiredService<ItemStoreTarget>().Where;

        var failure = await Assert.ThrowsAsync<ItemStoreStartException>(() => later.GetRequiredService<ItemStoreOpener>().OpenAsync(migrate: false, CancellationToken.None));

        Assert.That(failure!.InnerException, Is.InstanceOf<StoreUnavailableException>());
        Assert.That(failure.Message, Is.EqualTo($"Cannot open the item store (Postgres) at {where}: The PostgreSQL server takes no writes (transaction_read_only is on)."));
    }

    [Test]
    public async Task A_postgresql_server_that_refuses_connections_stops_the_start_with_each_cause_and_no_password()
    {
        var port = PrivatePostgres.FreePort();
        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Sqlite, ("Database:Provider", "Postgres"), ("ConnectionStrings:Items", $"Host=127.0.0.1;Port={port};Database=items;Username=api;Password=secret"));

        var failure = await Assert.ThrowsAsync<ItemStoreStartException>(() => database.OpenAsync(migrate: true));

        var refused = failure!.InnerException as NpgsqlException;
        Assert.That(refused, Is.Not.Null);
        Assert.That(refused!.InnerException, Is.InstanceOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
        Assert.That(failure.Message, Is.EqualTo($"Cannot open the item store (Postgres) at 127.0.0.1:{port}/items: {Words(refused)}: {Words(refused.InnerException!)}."));
        Assert.That(failure.Message, Does.Not.Contain("secret"));
    }

    [Test]
    public async Task On_postgresql_a_migrating_start_waits_for_the_history_held_longer_than_the_stores_timeout()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Postgres, ("Database:TimeoutSeconds", "1"));
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        // Another replica in the middle of its migration holds this lock.
        await using (var hold = new NpgsqlCommand("""LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE""", holder, transaction))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var opened = database.OpenAsync(migrate: true);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.That(opened.IsCompleted, Is.False, $"still waiting past the store's 1 s timeout ({opened.Exception?.InnerException?.Message})");
        await transaction.CommitAsync();

        Assert.That(await opened.WaitAsync(TimeSpan.FromSeconds(30)), Is.Empty);
    }

    [Test]
    public async Task On_postgresql_a_replica_that_finds_its_database_created_by_another_meanwhile_migrates_it()
    {
        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Postgres);
        var other = new CreatesTheDatabaseFirst(StoreDatabase.PostgresServer(), database.DatabaseName);
        await using var replica = database.NewServices(services => services.ConfigureDbContext<PostgresItemsDbContext>(options => options.AddInterceptors(other)));

        var applied = await replica.GetRequiredService<ItemStoreOpener>().OpenAsync(migrate: true, CancellationToken.None);

        Assert.That(other.Created, "the other replica created the database between this one's check and its CREATE DATABASE");
        Assert.That(applied, Has.Count.EqualTo(1));
        Assert.That(await ItemStoreMigrationTests.ScalarAsync(database, """SELECT count(*) FROM "__EFMigrationsHistory" """), Is.EqualTo(1));
    }

    [Test]
    public async Task A_migrating_start_waits_for_the_one_that_holds_the_migration_lock_then_migrates()
    {
        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Sqlite);
        Task<IReadOnlyList<string>> opened;
        using (new FileStream(database.File + "-migrations.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            opened = database.OpenAsync(migrate: true);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.That(opened.IsCompleted, Is.False, "waits while another start holds the lock");
        }

        Assert.That(await opened.WaitAsync(TimeSpan.FromSeconds(30)), Has.Count.EqualTo(1));
    }

    /// <summary>Creates the database just before the store's own CREATE DATABASE runs, as another replica starting at the same moment would.</summary>
    private sealed class CreatesTheDatabaseFirst(string server, string name) : DbCommandInterceptor
    {
        public bool Created { get; private set; }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Created && command.CommandText.StartsWith("CREATE DATABASE", StringComparison.Ordinal))
            {
                Created = true;
                await using var connection = new NpgsqlConnection(server);
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }
    }
}
