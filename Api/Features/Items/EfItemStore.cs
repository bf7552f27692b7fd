using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Api.Features.Items;

/// <summary>
/// The store on EF Core: pooled contexts, no tracking, compiled queries, and one statement per operation where it
/// succeeds (docs/design.md, "Items: storage", lists them). On SQLite, which has one writer at a time, writes take
/// their turn in the process (<paramref name="writes"/>) rather than in SQLite's busy loop, which sleeps a thread
/// 150 ms at a time.
/// </summary>
internal sealed class EfItemStore<TContext>(
    IDbContextFactory<TContext> contexts, ItemStoreHealth health, TimeProvider time, TimeSpan timeout, SqliteWriteQueue<TContext>? writes) : IItemStore, IItemStoreProbe
    where TContext : ItemsDbContext
{
    private const string AddSql = """
        INSERT INTO "items" ("name", "description", "price_cents", "created_at", "updated_at", "version")
        VALUES ({0}, {1}, {2}, {3}, {3}, 1)
        RETURNING "id"
        """;

    // The one column of the replaced item that the statement does not set, which ExecuteUpdate cannot return.
    private const string ReplaceSql = """
        UPDATE "items" SET "name" = {0}, "description" = {1}, "price_cents" = {2}, "updated_at" = {3}, "version" = "version" + 1
        WHERE "id" = {4} AND "version" = {5}
        RETURNING "created_at"
        """;

    private static readonly Func<TContext, long, int, IAsyncEnumerable<Item>> Page =
        EF.CompileAsyncQuery((TContext db, long after, int take) => db.Items.AsNoTracking().Where(i => i.Id > after).OrderBy(i => i.Id).Take(take));

    private static readonly Func<TContext, long, CancellationToken, Task<Item?>> ById =
        EF.CompileAsyncQuery((TContext db, long id, CancellationToken _) => db.Items.AsNoTracking().FirstOrDefault(i => i.Id == id));

    private static readonly Func<TContext, long, CancellationToken, Task<bool>> Exists =
        EF.CompileAsyncQuery((TContext db, long id, CancellationToken _) => db.Items.Any(i => i.Id == id));

    public Task<ItemPage> ListAsync(long? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ItemRules.PageMaxSize);
        return RunAsync(write: false, (after: after ?? 0, limit), static async (db, state, cancellationToken) =>
        {
            // Stryker disable once Arithmetic: a list's capacity is only where it starts; it grows to the items read
            var items = new List<Item>(state.limit + 1);
            await foreach (var item in Page(db, state.after, state.limit + 1).WithCancellation(cancellationToken))
            {
                items.Add(item);
            }

            var hasMore = items.Count > state.limit;
            if (hasMore) items.RemoveAt(state.limit);
            return new ItemPage(items, hasMore);
        }, cancellationToken);
    }

    public Task<Item?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        RunAsync(write: false, id, static (db, id, cancellationToken) => ById(db, id, cancellationToken), cancellationToken);

    public Task<Item> AddAsync(ItemFields fields, CancellationToken cancellationToken = default)
    {
        ItemRules.Check(fields);
        var now = Now();
        return RunAsync(write: true, (fields, now), static async (db, state, cancellationToken) =>
        {
            var (fields, now) = state;
            var id = (long)(await FirstValueAsync(db, AddSql, [fields.Name, db.TextParameter(fields.Description), ItemsDbContext.Cents(fields.Price), db.StoredTime(now)], cancellationToken))!;
            return Written(id, fields, now, now, version: 1);
        }, cancellationToken);
    }

    public Task<ReplaceResult> ReplaceAsync(long id, long version, ItemFields fields, CancellationToken cancellationToken = default)
    {
        ItemRules.Check(fields);
        var now = Now();
        return RunAsync(write: true, (id, version, fields, now), static async (db, state, cancellationToken) =>
        {
            var (id, version, fields, now) = state;
            var createdAt = await FirstValueAsync(
                db, ReplaceSql, [fields.Name, db.TextParameter(fields.Description), ItemsDbContext.Cents(fields.Price), db.StoredTime(now), id, version], cancellationToken);
            return createdAt is not null ? new ReplaceResult(ReplaceOutcome.Replaced, Written(id, fields, db.TimeRead(createdAt), now, version + 1))
                : new ReplaceResult(await Exists(db, id, cancellationToken) ? ReplaceOutcome.VersionChanged : ReplaceOutcome.NotFound, null);
        }, cancellationToken);
    }

    public Task<DeleteOutcome> DeleteAsync(long id, long? version = null, CancellationToken cancellationToken = default) =>
        RunAsync(write: true, (id, version), static async (db, state, cancellationToken) =>
        {
            var (id, version) = state;
            var deleted = version is { } expected
                ? await db.Items.Where(i => i.Id == id && i.Version == expected).ExecuteDeleteAsync(cancellationToken)
                : await db.Items.Where(i => i.Id == id).ExecuteDeleteAsync(cancellationToken);
            return deleted == 1 ? DeleteOutcome.Deleted
                : version is not null && await Exists(db, id, cancellationToken) ? DeleteOutcome.VersionChanged
                : DeleteOutcome.NotFound;
        }, cancellationToken);

    /// <summary>
    /// Whether the database takes writes now, cheaply enough for every readiness probe: SQLite takes and gives back
    /// the write lock (BEGIN IMMEDIATE, then ROLLBACK: a read-only file fails it); PostgreSQL says whether its
    /// transactions are read-only (a standby's are).
    /// </summary>
    public Task ProbeAsync(CancellationToken cancellationToken) =>
        RunAsync(write: true, 0, static async (db, _, cancellationToken) =>
        {
            // Among SQLite's writes committed together, whose BEGIN IMMEDIATE has taken the write lock already.
            if (db.Database.CurrentTransaction is not null) return 0;
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                switch (db.Database.GetDbConnection())
                {
                    case SqliteConnection sqlite:
                        using (var transaction = sqlite.BeginTransaction(deferred: false))
                        {
                            // Stryker disable once Statement: a transaction disposed before its commit is rolled back
                            transaction.Rollback();
                        }

                        break;
                    case NpgsqlConnection postgres:
                        await using (var command = new NpgsqlCommand("SHOW transaction_read_only", postgres))
                        {
                            if (await command.ExecuteScalarAsync(cancellationToken) is not "off")
                            {
                                throw new StoreUnavailableException("The PostgreSQL server takes no writes (transaction_read_only is on).");
                            }
                        }

                        break;
                }
            }
            finally
            {
                // Stryker disable once Statement: the context closes the connection it opened when it goes back to its pool
                await db.Database.CloseConnectionAsync();
            }

            return 0;
        }, cancellationToken);

    private static Item Written(long id, ItemFields fields, DateTime createdAt, DateTime updatedAt, long version) => new()
    {
        Id = id,
        Name = fields.Name,
        Description = fields.Description,
        Price = ItemsDbContext.Stored(fields.Price),
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
        Version = version,
    };

    /// <summary>
    /// Runs one statement through EF Core's raw-SQL command, as <c>ExecuteSqlRaw</c> does (the context's connection and
    /// transaction, its logging and interceptors), and gives its first row's first value, which <c>ExecuteSqlRaw</c>
    /// cannot; null without a row. <c>SaveChanges</c> cost a <c>POST</c> on PostgreSQL 1.3 to 2.4 times the CPU (docs/performance.md).
    /// </summary>
    private static async Task<object?> FirstValueAsync(TContext db, string sql, object?[] parameters, CancellationToken cancellationToken)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, parameters);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(
            new(db.GetService<IRelationalConnection>(), command.ParameterValues, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()), cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.DbDataReader.GetValue(0) : null;
    }

    /// <summary>Now, in whole microseconds: PostgreSQL keeps no finer, and both databases then read back the time written.</summary>
    private DateTime Now()
    {
        var ticks = time.GetUtcNow().UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }

    /// <summary>
    /// Runs the operation within <c>timeout</c>, its wait in the write queue included. Npgsql's own timeouts do not bound
    /// it: once a command times out on a server that stopped answering, Npgsql sends a cancel request over a new
    /// connection, waits for it, then for its Cancellation Timeout (15 s in all with a 5 s timeout). Past the deadline
    /// the caller is answered, and the operation finishes or fails on its own, holding its context and connection (and
    /// on SQLite the writer's turn) until then. A write still queued then never runs.
    /// </summary>
    private async Task<TResult> RunAsync<TState, TResult>(
        bool write, TState state, Func<TContext, TState, CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
    {
        var queued = write ? writes?.Enqueue(state, operation) : null;
        var work = queued?.Answered ?? RunAloneAsync(state, operation, cancellationToken);
        try
        {
            return await work.WaitAsync(timeout, time, cancellationToken);
        }
        catch (Exception) when (work.IsCompletedSuccessfully)
        {
            // Done as the wait gave up: a write's commit stands, and is answered as made.
            return work.Result;
        }
        catch (Exception exception) when (!work.IsCompleted)
        {
            if (queued?.TryAbandon() is true)
            {
                if (exception is not TimeoutException) throw;
                throw health.Report(new StoreUnavailableException($"The database was busy with other writes for {timeout.TotalSeconds:0} s.") { RetryAfter = TimeSpan.FromSeconds(1) });
            }

            // Past the deadline, or the client is gone: the operation's own failure, if any, is observed here.
            _ = work.ContinueWith(static abandoned => abandoned.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (exception is not TimeoutException) throw;
            throw health.Report(new StoreUnavailableException($"The database did not answer within {timeout.TotalSeconds:0} s.") { RetryAfter = TimeSpan.FromSeconds(1) });
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && ItemStoreFaults.Classify(exception) is { } unavailable)
        {
            throw health.Report(unavailable);
        }
    }

    private async Task<TResult> RunAloneAsync<TState, TResult>(
        TState state, Func<TContext, TState, CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await operation(db, state, cancellationToken);
    }
}
