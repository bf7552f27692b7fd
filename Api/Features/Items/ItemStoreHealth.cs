using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using static SQLitePCL.raw;

namespace Api.Features.Items;

/// <summary>What the readiness check asks the store: whether the database takes writes now.</summary>
internal interface IItemStoreProbe
{
    Task ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Remembers the store's last failure: readiness stays unhealthy for <see cref="Window"/> after one, since a full disk
/// or a broken server may still pass a probe that writes nothing. The first failure after a quiet window is logged.
/// </summary>
/// <remarks>
/// On PostgreSQL an outage also raises the thread pool's minimum until it has passed. When a command times out, Npgsql
/// sends PostgreSQL a cancel request over a new connection, synchronously, on a thread-pool thread: on a server that
/// stopped answering, each connection in use then holds a thread for up to its Timeout, and the pool, which adds threads
/// slowly, starves every request (a 2 s timeout answered in 6 s, GET / in 4 s). The minimum grows by the most
/// connections there can be, so that the pool has a thread for each at once; raised for good, it cost a third of the
/// items' throughput (docs/performance.md, "The store's levers").
/// </remarks>
internal sealed partial class ItemStoreHealth(TimeProvider time, ItemStoreTarget target, ILogger<ItemStoreHealth> logger) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly int _cancelRequestThreads = target.Provider == ItemsDatabaseSettings.Postgres ? new NpgsqlConnectionStringBuilder(target.ConnectionString).MaxPoolSize : 0;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;
    private string? _cause;
    private ITimer? _outage;

    /// <summary>The cause of a failure within the last <see cref="Window"/>, or null.</summary>
    public string? RecentFailure
    {
        get
        {
            lock (_gate)
            {
                return time.GetUtcNow() - _failedAt < Window ? _cause : null;
            }
        }
    }

    public StoreUnavailableException Report(StoreUnavailableException failure)
    {
        bool quietBefore;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            quietBefore = now - _failedAt >= Window;
            (_failedAt, _cause) = (now, failure.Message);
            if (_cancelRequestThreads is not 0 && _outage is null)
            {
                AddMinimumThreads(_cancelRequestThreads);
                _outage = time.CreateTimer(static health => ((ItemStoreHealth)health!).EndOutage(whenOver: true), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            }
        }

        if (quietBefore) Unavailable(logger, failure.Message, failure.InnerException);
        return failure;
    }

    /// <summary>A host stopped during an outage gives its reserve back.</summary>
    public void Dispose() => EndOutage(whenOver: false);

    private void EndOutage(bool whenOver)
    {
        lock (_gate)
        {
            if (_outage is null || (whenOver && time.GetUtcNow() - _failedAt < Window)) return;
            // Stryker disable once Statement: a timer left ticking ends an outage only once it has passed, as the next outage's timer does
            _outage.Dispose();
            _outage = null;
            AddMinimumThreads(-_cancelRequestThreads);
        }
    }

    private static void AddMinimumThreads(int count)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(workers + count, completionPorts);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The item store is unavailable: {Cause}")]
    private static partial void Unavailable(ILogger logger, string cause, Exception? exception);
}

/// <summary>Which exceptions mean that the database cannot serve now, rather than a fault of the code.</summary>
internal static class ItemStoreFaults
{
    public static StoreUnavailableException? Classify(Exception exception)
    {
        for (var fault = exception; fault is not null; fault = fault.InnerException)
        {
            switch (fault)
            {
                case StoreUnavailableException unavailable:
                    return unavailable;
                case SqliteException { SqliteErrorCode: SQLITE_BUSY or SQLITE_LOCKED } busy:
                    return new StoreUnavailableException($"The SQLite database stayed locked by another process: {busy.Message}", busy) { RetryAfter = TimeSpan.FromSeconds(1) };
                case SqliteException { SqliteErrorCode: SQLITE_READONLY or SQLITE_IOERR or SQLITE_FULL or SQLITE_CANTOPEN or SQLITE_NOMEM or SQLITE_CORRUPT or SQLITE_NOTADB or SQLITE_PROTOCOL or SQLITE_PERM } sqlite:
                    return new StoreUnavailableException($"The SQLite database takes no writes: {sqlite.Message}", sqlite);
                case PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.DiskFull } postgres:
                    return new StoreUnavailableException($"The PostgreSQL server takes no writes: {postgres.Message}", postgres);
                case NpgsqlException { IsTransient: true } npgsql:
                    return new StoreUnavailableException($"The PostgreSQL server cannot be reached or is overloaded: {npgsql.Message}", npgsql);
                case TimeoutException timeout:
                    return new StoreUnavailableException($"The database did not answer in time: {timeout.Message}", timeout) { RetryAfter = TimeSpan.FromSeconds(1) };
            }
        }

        return null;
    }
}

/// <summary>Readiness: unhealthy while the database takes no writes, or for a few seconds after the store failed.</summary>
internal sealed class ItemStoreHealthCheck(IItemStoreProbe probe, ItemStoreHealth health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (health.RecentFailure is { } cause) return HealthCheckResult.Unhealthy(cause);
        try
        {
            await probe.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (StoreUnavailableException unavailable)
        {
            return HealthCheckResult.Unhealthy(unavailable.Message);
        }
    }
}
