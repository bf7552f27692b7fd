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
/// operation's time. Also, a probe that meets another process's write lock fails.
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
        Assert.That((await store.FindAsync(kept.Id))?.Name, Is.EqualTo("pen"), "neither replaced nor deleted");
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
    /// Disposed, it lets every held INSERT through before the store goes.
    /// </summary>
    private sealed class HeldStore : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private HeldStore(ServiceProvider services, HeldInserts inserts) => (_services, Inserts) = (services, inserts);

        public HeldInserts Inserts { get; }

        public IItemStore Store => _services.GetRequiredService<IItemStore>();

        public IItemStoreProbe Probe => _services.GetRequiredService<IItemStoreProbe>();

        public static async Task<HeldStore> OpenAsync(StoreDatabase database, int timeoutSeconds = 1)
        {
            var inserts = new HeldInserts();
            var held = new HeldStore(
                database.NewServices(
                    added => added.ConfigureDbContext<SqliteItemsDbContext>(options => options.AddInterceptors(inserts)),
                    ("Database:TimeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                inserts);
            await held.Store.FindAsync(1);
            return held;
        }

        public async ValueTask DisposeAsync()
        {
            Inserts.LetAllThrough();
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

        public void LetOneThrough() => _through.Release();

        public void LetAllThrough() => _through.Release(100);

        public void Dispose() => _through.Dispose();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.Ordinal))
            {
                _reached.TrySetResult();
                await _through.WaitAsync(CancellationToken.None);
            }

            return result;
        }
    }
}
