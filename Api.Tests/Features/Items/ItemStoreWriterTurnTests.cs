using System.Data.Common;
using System.Diagnostics;
using Api.Features.Items;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Features.Items;

/// <summary>
/// On SQLite, which has one writer, writes take their turn in the process: while one holds it, reads go on, and the
/// other writes and the readiness probe wait for it up to <c>Database:TimeoutSeconds</c>, that wait included in the
/// operation's time. The writes that waited commit together, each answered once their transaction commits, and one
/// that fails fails alone. Also, a probe that meets another process's write lock fails.
/// </summary>
[NonParallelizable]
public sealed class ItemStoreWriterTurnTests
{
    private static readonly ItemFields Pen = new("pen", null, 1.5m);

    [Test]
    public async Task While_a_write_holds_the_turn_reads_go_on_and_other_writes_and_the_probe_give_up_after_the_timeout()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        var kept = await database.Store.AddAsync(Pen);
        await using var held = await HeldStore.OpenAsync(database);
        var store = held.Store;

        var holding = store.AddAsync(Pen);
        await held.Inserts.Reached.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That((await store.FindAsync(kept.Id))?.Name, Is.EqualTo("pen"));
        Assert.That((await store.ListAsync(null, 10)).Items, Has.Count.EqualTo(1));
        foreach (var (operation, write) in new (string, Func<Task>)[]
        {
            ("add", () => store.AddAsync(Pen)),
            ("replace", () => store.ReplaceAsync(kept.Id, kept.Version, Pen with { Name = "replaced" })),
            ("delete", () => store.DeleteAsync(kept.Id)),
            ("probe", () => held.Probe.ProbeAsync(CancellationToken.None)),
        })
        {
            var busy = await Assert.ThrowsAsync<StoreUnavailableException>(() => write(), operation);
            Assert.That((busy!.Message, busy.RetryAfter), Is.EqualTo(("The database was busy with other writes for 1 s.", TimeSpan.FromSeconds(1))), operation);
        }

        var late = await Assert.ThrowsAsync<StoreUnavailableException>(() => holding);
        Assert.That((late!.Message, late.RetryAfter), Is.EqualTo(("The database did not answer within 1 s.", TimeSpan.FromSeconds(1))));
        held.Inserts.LetAllThrough();
        await store.AddAsync(Pen).WaitAsync(TimeSpan.FromSeconds(30)); // Queued behind the writes that gave up.
        Assert.That((await store.FindAsync(kept.Id))?.Name, Is.EqualTo("pen"), "neither replaced nor deleted: a write that gave up before its turn never runs");
    }

    [Test]
    public async Task The_wait_for_the_turn_counts_in_the_operations_timeout()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        await using var held = await HeldStore.OpenAsync(database, timeoutSeconds: 4);

        var first = held.Store.AddAsync(Pen);
        await held.Inserts.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        var stopwatch = Stopwatch.StartNew();
        var second = held.Store.AddAsync(Pen);
        await Task.Delay(TimeSpan.FromSeconds(2));
        held.Inserts.LetOneThrough();

        Assert.That((await first).Id, Is.GreaterThan(0), "the first write ends within its time");
        await Assert.ThrowsAsync<StoreUnavailableException>(() => second);
        Assert.That(stopwatch.Elapsed.TotalSeconds, Is.LessThan(6), "answered 4 s after it came (2 s waiting its turn, 2 s held), not 4 s after its turn");
    }

    [Test]
    public async Task A_caller_that_gives_up_while_its_write_is_held_gets_its_cancellation_not_unavailability()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        await using var held = await HeldStore.OpenAsync(database, timeoutSeconds: 30);
        using var gone = new CancellationTokenSource();

        var write = held.Store.AddAsync(Pen, gone.Token);
        await held.Inserts.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await gone.CancelAsync();

        Assert.That(await Assert.CatchAsync(() => write), Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task The_writes_that_waited_commit_together_by_groups_and_none_is_answered_before_its_commit()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        var commits = new HeldCommits();
        await using var held = await HeldStore.OpenAsync(database, timeoutSeconds: 30, commits);

        var first = held.Store.AddAsync(Pen);
        await held.Inserts.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        var waited = Enumerable.Range(0, SqliteWriteQueue<SqliteItemsDbContext>.GroupSize + 6).Select(n => held.Store.AddAsync(Pen with { Name = $"pen {n}" })).ToList();
        var probe = held.Probe.ProbeAsync(CancellationToken.None);
        held.Inserts.LetAllThrough();
        await commits.Reached.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That((await first.WaitAsync(TimeSpan.FromSeconds(10))).Version, Is.EqualTo(1), "the write alone in the queue is written alone, with no transaction of the store's");
        Assert.That(waited.Count(write => write.IsCompleted), Is.Zero, "no write of the group is answered while its commit is held");
        commits.LetAllThrough();
        var added = await Task.WhenAll(waited).WaitAsync(TimeSpan.FromSeconds(30));
        await probe.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(commits.Count, Is.EqualTo(2), $"{waited.Count} writes and the probe in two transactions of at most {SqliteWriteQueue<SqliteItemsDbContext>.GroupSize}");
        Assert.That((await database.Store.ListAsync(first.Result.Id, 100)).Items.Select(item => (item.Id, item.Name)), Is.EqualTo(added.Select(item => (item.Id, item.Name))), "in the order they came");
    }

    [Test]
    public async Task A_write_that_fails_among_others_committed_together_fails_alone_and_leaves_nothing()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        await using var held = await HeldStore.OpenAsync(database, timeoutSeconds: 30, new FailedInsert("bad"));

        var first = held.Store.AddAsync(Pen);
        await held.Inserts.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        var before = held.Store.AddAsync(Pen with { Name = "before" });
        var bad = held.Store.AddAsync(Pen with { Name = "bad" });
        var after = held.Store.AddAsync(Pen with { Name = "after" });
        held.Inserts.LetAllThrough();

        Assert.That(await Assert.CatchAsync(() => bad), Is.Not.InstanceOf<StoreUnavailableException>());
        var kept = new[] { await first, await before, await after };
        Assert.That((await database.Store.ListAsync(null, 10)).Items.Select(item => item.Name), Is.EqualTo(kept.Select(item => item.Name)), "the failed INSERT's row is rolled back");
    }

    [Test]
    public async Task When_sqlite_rolls_back_the_whole_group_each_write_fails_as_the_store_being_unavailable_and_none_is_kept()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        await using var held = await HeldStore.OpenAsync(database, timeoutSeconds: 30, new FailedInsert("doomed") { RollsBackEverything = true });

        var first = held.Store.AddAsync(Pen);
        await held.Inserts.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        var group = new[] { held.Store.AddAsync(Pen with { Name = "before" }), held.Store.AddAsync(Pen with { Name = "doomed" }), held.Store.AddAsync(Pen with { Name = "after" }) };
        held.Inserts.LetAllThrough();

        foreach (var write in group)
        {
            var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.That(failure!.InnerException, Is.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(SQLitePCL.raw.SQLITE_IOERR));
        }

        Assert.That((await database.Store.ListAsync(null, 10)).Items.Select(item => item.Id), Is.EqualTo(new[] { (await first).Id }));
    }

    [Test]
    public async Task When_writes_committed_together_cannot_commit_each_fails_and_none_is_kept()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        var commits = new HeldCommits { Refuse = true };
        await using var held = await HeldStore.OpenAsync(database, timeoutSeconds: 30, commits);

        var first = held.Store.AddAsync(Pen);
        await held.Inserts.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        var group = new[] { held.Store.AddAsync(Pen), held.Store.AddAsync(Pen) };
        held.Inserts.LetAllThrough();
        commits.LetAllThrough();

        foreach (var write in group) Assert.That(await Assert.CatchAsync(() => write.WaitAsync(TimeSpan.FromSeconds(30))), Is.Not.InstanceOf<TimeoutException>());
        Assert.That((await database.Store.ListAsync(null, 10)).Items.Select(item => item.Id), Is.EqualTo(new[] { (await first).Id }));
    }

    [Test]
    public async Task The_writer_carries_nothing_of_the_request_whose_call_created_it()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite);
        var inserts = new HeldInserts();
        inserts.LetAllThrough();
        await using var services = database.NewServices(added => added.ConfigureDbContext<SqliteItemsDbContext>(options => options.AddInterceptors(inserts)));
        using (new Activity("the first request").Start())
        {
            _ = services.GetRequiredService<IItemStore>();
        }

        await services.GetRequiredService<IItemStore>().AddAsync(Pen);

        Assert.That(inserts.ActivityAtFirst, Is.Null);
    }

    [Test]
    public async Task The_probe_fails_while_another_process_holds_the_write_lock()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Sqlite, ("Database:TimeoutSeconds", "1"));
        await using var other = new SqliteConnection(database.ConnectionString);
        await other.OpenAsync();
        using var writing = other.BeginTransaction(deferred: false);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => database.Services.GetRequiredService<IItemStoreProbe>().ProbeAsync(CancellationToken.None));
    }

    /// <summary>
    /// Another store on the database, whose INSERTs the test holds, opened and ready before the test starts its clock.
    /// Disposed, it lets every held INSERT and commit through before the store goes.
    /// </summary>
    private sealed class HeldStore : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private readonly IInterceptor[] _interceptors;

        private HeldStore(ServiceProvider services, HeldInserts inserts, IInterceptor[] interceptors) =>
            (_services, Inserts, _interceptors) = (services, inserts, interceptors);

        public HeldInserts Inserts { get; }

        public IItemStore Store => _services.GetRequiredService<IItemStore>();

        public IItemStoreProbe Probe => _services.GetRequiredService<IItemStoreProbe>();

        public static async Task<HeldStore> OpenAsync(StoreDatabase database, int timeoutSeconds = 1, params IInterceptor[] interceptors)
        {
            var inserts = new HeldInserts();
            var held = new HeldStore(
                database.NewServices(
                    added => added.ConfigureDbContext<SqliteItemsDbContext>(options => options.AddInterceptors([inserts, .. interceptors])),
                    ("Database:TimeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                inserts,
                interceptors);
            await held.Store.FindAsync(1);
            return held;
        }

        public async ValueTask DisposeAsync()
        {
            Inserts.LetAllThrough();
            foreach (var commits in _interceptors.OfType<HeldCommits>()) commits.LetAllThrough();
            await _services.DisposeAsync();
            Inserts.Dispose();
        }
    }

    /// <summary>Holds each INSERT until the test lets it through: a write that keeps the writer's turn as long as the test wants.</summary>
    private sealed class HeldInserts : DbCommandInterceptor, IDisposable
    {
        private readonly SemaphoreSlim _through = new(0);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Done when the first INSERT is held.</summary>
        public Task Reached => _reached.Task;

        /// <summary>The Activity current where the first INSERT ran.</summary>
        public string? ActivityAtFirst { get; private set; }

        public void LetOneThrough() => _through.Release();

        public void LetAllThrough() => _through.Release(100);

        public void Dispose() => _through.Dispose();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.Ordinal))
            {
                if (_reached.TrySetResult()) ActivityAtFirst = Activity.Current?.OperationName;
                await _through.WaitAsync(CancellationToken.None);
            }

            return result;
        }
    }

    /// <summary>Holds each commit of a transaction of the store's until the test lets them through, and counts them; or refuses them.</summary>
    private sealed class HeldCommits : DbTransactionInterceptor
    {
        private readonly TaskCompletionSource _through = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public bool Refuse { get; init; }

        /// <summary>Done when the first commit is held.</summary>
        public Task Reached => _reached.Task;

        public int Count => _count;

        public void LetAllThrough() => _through.TrySetResult();

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            _reached.TrySetResult();
            await _through.Task;
            if (Refuse) throw new InvalidOperationException("The test refuses the commit.");
            Interlocked.Increment(ref _count);
            return result;
        }
    }

    /// <summary>
    /// Fails the INSERT of the item named <paramref name="name"/> once SQLite has run it: its row is in the transaction.
    /// Or, as SQLite does after an I/O error, rolls back the whole transaction and fails with SQLITE_IOERR.
    /// </summary>
    private sealed class FailedInsert(string name) : DbCommandInterceptor
    {
        public bool RollsBackEverything { get; init; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.Ordinal) && command.Parameters.Cast<DbParameter>().Any(parameter => Equals(parameter.Value, name)))
            {
                await result.DisposeAsync();
                if (!RollsBackEverything) throw new InvalidOperationException($"The test fails the INSERT of {name}.");
                await using var rollback = command.Connection!.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync(cancellationToken);
                throw new SqliteException("disk I/O error", SQLitePCL.raw.SQLITE_IOERR);
            }

            return result;
        }
    }
}
