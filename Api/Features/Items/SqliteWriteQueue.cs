using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Api.Features.Items;

/// <summary>
/// SQLite's writes, one writer at a time, committed in groups: the writes that queue while a transaction runs go
/// together in the next one, up to <see cref="GroupSize"/>, so that they share one commit and its fsync, as concurrent
/// commits share a WAL flush on PostgreSQL. Each write in a group runs inside a savepoint, so that one that fails
/// fails alone, and none is answered before its group commits. A write alone in the queue runs alone, as without a
/// queue. A write whose caller stops waiting before its turn (<see cref="QueuedWrite.TryAbandon"/>) never runs.
/// </summary>
internal sealed class SqliteWriteQueue<TContext> : IAsyncDisposable, IDisposable
    where TContext : ItemsDbContext
{
    public const int GroupSize = 64;

    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly Task _writer;

    public SqliteWriteQueue(IDbContextFactory<TContext> contexts)
    {
        _contexts = contexts;
        // The writer belongs to no request: not to the one whose call created the queue, its Activity and its scopes.
        using (ExecutionContext.SuppressFlow())
        {
            _writer = Task.Run(WriteAsync);
        }
    }

    public QueuedWrite<TResult> Enqueue<TState, TResult>(TState state, Func<TContext, TState, CancellationToken, Task<TResult>> operation)
    {
        var write = new QueuedWrite<TResult>(db => operation((TContext)db, state, CancellationToken.None));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(write), this);
        return write;
    }

    /// <summary>Takes no more writes, and ends once those queued are written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    /// <summary>Takes no more writes: those queued are still written.</summary>
    public void Dispose() => _queue.Writer.TryComplete();

    private async Task WriteAsync()
    {
        var group = new List<QueuedWrite>(GroupSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < GroupSize && _queue.Reader.TryRead(out var write))
            {
                if (write.TryStart()) group.Add(write);
            }

            if (group.Count == 0) continue;
            try
            {
                await using var db = await _contexts.CreateDbContextAsync();
                if (group.Count == 1) await group[0].RunAsync(db);
                else await CommitTogetherAsync(db, group);
                group.ForEach(static written => written.Answer());
            }
            catch (Exception failure)
            {
                group.ForEach(written => written.Fail(failure));
            }

            group.Clear();
        }
    }

    private static async Task CommitTogetherAsync(TContext db, List<QueuedWrite> group)
    {
        const string BeforeWrite = "write";
        db.Database.AutoSavepointsEnabled = false;
        // BEGIN IMMEDIATE: the group holds SQLite's write lock from its start.
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var write in group)
        {
            // Savepoints of one name stack up, each rolled back to alone, until the commit releases them all.
            await transaction.CreateSavepointAsync(BeforeWrite);
            if (await write.RunAsync(db) is { } failure)
            {
                try
                {
                    await transaction.RollbackToSavepointAsync(BeforeWrite);
                }
                catch (Exception)
                {
                    // SQLite rolled the whole transaction back itself (an I/O error, a full disk), and Microsoft.Data.Sqlite
                    // saw it: every write of the group fails with that write's failure, which says what happened.
                    ExceptionDispatchInfo.Throw(failure);
                }
            }
        }

        await transaction.CommitAsync();
    }
}

/// <summary>A write in <see cref="SqliteWriteQueue{TContext}"/>: queued, then started or abandoned, then answered once its transaction ends.</summary>
internal abstract class QueuedWrite
{
    private const int Queued = 0, Started = 1, Abandoned = 2;
    private int _state;

    /// <summary>Whether the write was still queued, and now never runs.</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;

    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    /// <summary>Runs the write, and its failure, if any: kept for its answer, as its result is.</summary>
    public abstract Task<Exception?> RunAsync(ItemsDbContext db);

    /// <summary>Gives the caller its result or its own failure: the write's transaction committed.</summary>
    public abstract void Answer();

    /// <summary>Gives the caller the failure of the write's transaction: nothing of it was committed.</summary>
    public abstract void Fail(Exception failure);
}

internal sealed class QueuedWrite<TResult>(Func<ItemsDbContext, Task<TResult>> operation) : QueuedWrite
{
    private readonly TaskCompletionSource<TResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;
    private Exception? _failure;

    public Task<TResult> Answered => _answer.Task;

    public override async Task<Exception?> RunAsync(ItemsDbContext db)
    {
        try
        {
            _result = await operation(db);
        }
        catch (Exception failure)
        {
            _failure = failure;
        }

        return _failure;
    }

    public override void Answer()
    {
        if (_failure is null) _answer.TrySetResult(_result!);
        else _answer.TrySetException(_failure);
    }

    public override void Fail(Exception failure) => _answer.TrySetException(failure);
}
