using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Api.Features.Items;

/// <summary>Opens the database before the API serves: migrates it or checks that it is migrated, then checks that it takes writes.</summary>
internal abstract class ItemStoreOpener
{
    /// <summary>Each statement of a migration may take this long, or the store's timeout if longer: another replica may hold the lock meanwhile.</summary>
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Returns the migrations applied now; throws <see cref="ItemStoreStartException"/> with one line naming the cause.</summary>
    public abstract Task<IReadOnlyList<string>> OpenAsync(bool migrate, CancellationToken cancellationToken);

    /// <summary>The exception's own words and its causes', on one line.</summary>
    internal static string Cause(Exception exception)
    {
        var causes = new List<string>();
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            var words = cause.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
            if (words.Length > 0 && !causes.Any(known => known.Contains(words, StringComparison.Ordinal))) causes.Add(words);
        }

        return string.Join(": ", causes);
    }
}

internal sealed class ItemStoreOpener<TContext>(IDbContextFactory<TContext> contexts, ItemStoreTarget target, IItemStoreProbe probe) : ItemStoreOpener
    where TContext : ItemsDbContext
{
    public override async Task<IReadOnlyList<string>> OpenAsync(bool migrate, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Database.SetCommandTimeout(TimeSpan.FromSeconds(Math.Max(MigrationTimeout.TotalSeconds, target.TimeoutSeconds)));
            var applied = target.Provider == ItemsDatabaseSettings.Sqlite ? await OpenSqliteAsync(db, migrate, cancellationToken) : await OpenPostgresAsync(db, migrate, cancellationToken);
            await probe.ProbeAsync(cancellationToken);
            return applied;
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException or TimeoutException or StoreUnavailableException)
        {
            throw new ItemStoreStartException($"Cannot open the item store ({target.Provider}) at {target.Where}: {Cause(exception)}.", exception);
        }
    }

    private async Task<IReadOnlyList<string>> OpenSqliteAsync(TContext db, bool migrate, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target.Where)!);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // WAL is kept in the file: readers never wait for the writer. Its synchronous is FULL, e_sqlite3's default.
            if (await ScalarAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken) is not "wal")
            {
                throw new ItemStoreStartException($"Cannot open the item store ({target.Provider}) at {target.Where}: SQLite cannot keep a write-ahead log there.");
            }

            if (!migrate) return await NothingPendingAsync(db, cancellationToken);

            // EF Core's lock on SQLite is a row it inserts and deletes (__EFMigrationsLock): a process killed while it
            // migrates leaves the row, and every later start would wait for it forever. A lock the system holds for the
            // process (flock on a file beside the database) goes with it: whoever holds that one may clear the row.
            await using var migrationLock = await LockAsync(target.Where + "-migrations.lock", cancellationToken);
            if (await ScalarAsync(connection, """SELECT count(*) FROM "sqlite_master" WHERE "name" = '__EFMigrationsLock' AND "type" = 'table'""", cancellationToken) is 1L)
            {
                await ScalarAsync(connection, """DELETE FROM "__EFMigrationsLock" """, cancellationToken);
            }

            return await MigrateAsync(db, cancellationToken);
        }
        finally
        {
            // Stryker disable once Statement: the context closes the connection it opened when it goes back to its pool
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<string>> OpenPostgresAsync(TContext db, bool migrate, CancellationToken cancellationToken)
    {
        if (!migrate) return await NothingPendingAsync(db, cancellationToken);
        try
        {
            // Npgsql's migrator locks the history table (LOCK TABLE ... ACCESS EXCLUSIVE) inside the migration's
            // transaction: replicas migrating at once take turns, and a lock dies with its connection.
            return await MigrateAsync(db, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another replica created the missing database between this one's check and its CREATE DATABASE.
            return await MigrateAsync(db, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> MigrateAsync(TContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    private async Task<IReadOnlyList<string>> NothingPendingAsync(TContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0) return [];

        // Stryker disable once String: one migration so far, and a separator joins none
        var names = string.Join(", ", pending);
        throw new ItemStoreStartException(
            $"Cannot open the item store ({target.Provider}) at {target.Where}: its schema lacks the migrations {names}; "
            + "apply them with 'dotnet Api.dll migrate', or start with Database:MigrateOnStart=true.");
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MigrationTimeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock() on Unix, released by the system when the process ends.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            // Stryker disable once Equality: a wait that gives up at the deadline or one tick after it is the same wait
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }
}

/// <summary>Opens the store before Kestrel listens: a store that cannot be opened stops the start (Program.cs writes its one line).</summary>
internal sealed partial class ItemStoreStartup(ItemStoreOpener opener, IOptions<ItemsDatabaseSettings> settings, ItemStoreTarget target, ILogger<ItemStoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await opener.OpenAsync(settings.Value.Database.MigrateOnStart, cancellationToken);
        if (applied.Count > 0) Migrated(logger, target.Where, applied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied to the item store at {Where}: {Migrations}")]
    private static partial void Migrated(ILogger logger, string where, IReadOnlyList<string> migrations);
}
