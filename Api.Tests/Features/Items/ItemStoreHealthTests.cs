using System.Net.Sockets;
using Api.Features.Items;
using Api.Tests.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static SQLitePCL.raw;

namespace Api.Tests.Features.Items;

/// <summary>
/// The store's health on its own, on a clock the test moves: how long a failure keeps readiness down, which failures
/// are logged, when PostgreSQL's threads in reserve are given back, and which exceptions are the database's.
/// </summary>
[NonParallelizable]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ItemStoreHealthTests : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly RequestLogTests.CapturingLoggerProvider _logs = new();
    private readonly LoggerFactory _loggers;

    public ItemStoreHealthTests() => _loggers = new LoggerFactory([_logs]);

    public void Dispose() => _loggers.Dispose();

    private ItemStoreHealth Health(string provider = ItemsDatabaseSettings.Sqlite, string connectionString = "Data Source=items.db") =>
        new(_time, new ItemStoreTarget(provider, connectionString, "db", 5), _loggers.CreateLogger<ItemStoreHealth>());

    private IEnumerable<string> Warnings => _logs.Entries.Where(entry => entry.Level == LogLevel.Warning).Select(entry => entry.Message);

    [Test]
    public void A_failure_keeps_its_cause_until_the_window_has_passed_since_it()
    {
        using var health = Health();
        var before = health.RecentFailure;

        health.Report(new StoreUnavailableException("The disk is full."));
        var atOnce = health.RecentFailure;
        _time.Advance(ItemStoreHealth.Window - Tick);
        var justWithin = health.RecentFailure;
        _time.Advance(Tick);

        Assert.That((before, atOnce, justWithin, health.RecentFailure), Is.EqualTo(((string?)null, "The disk is full.", "The disk is full.", (string?)null)));
    }

    [Test]
    public void The_first_failure_after_a_quiet_window_is_logged_and_those_within_it_are_not()
    {
        using var health = Health();

        health.Report(new StoreUnavailableException("first"));
        _time.Advance(ItemStoreHealth.Window - Tick);
        health.Report(new StoreUnavailableException("within the window of the first"));
        _time.Advance(ItemStoreHealth.Window);
        health.Report(new StoreUnavailableException("a window after the last"));

        Assert.That(Warnings, Is.EqualTo(new[] { "The item store is unavailable: first", "The item store is unavailable: a window after the last" }));
    }

    [Test]
    public void On_postgresql_the_threads_in_reserve_are_given_back_once_a_window_has_passed_since_the_last_failure()
    {
        ThreadPool.GetMinThreads(out var before, out _);
        using var health = Health(ItemsDatabaseSettings.Postgres, "Host=db;Maximum Pool Size=7");

        health.Report(new StoreUnavailableException("The server did not answer."));
        _time.Advance(ItemStoreHealth.Window - TimeSpan.FromSeconds(1));
        ThreadPool.GetMinThreads(out var justWithin, out _);
        _time.Advance(TimeSpan.FromSeconds(1));
        ThreadPool.GetMinThreads(out var after, out _);

        Assert.That((justWithin - before, after - before), Is.EqualTo((7, 0)));
    }

    [Test]
    public async Task Readiness_asks_the_database_only_when_no_failure_is_recent_and_reports_what_the_database_says()
    {
        using var health = Health();
        var probe = new Probe();
        var check = new ItemStoreHealthCheck(probe, health);

        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        probe.Failure = new StoreUnavailableException("The file is read-only.");
        var refused = await check.CheckHealthAsync(new HealthCheckContext());
        health.Report(new StoreUnavailableException("The disk is full."));
        var recent = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That((healthy.Status, refused.Status, refused.Description), Is.EqualTo((HealthStatus.Healthy, HealthStatus.Unhealthy, "The file is read-only.")));
        Assert.That((recent.Status, recent.Description), Is.EqualTo((HealthStatus.Unhealthy, "The disk is full.")));
        Assert.That(probe.Calls, Is.EqualTo(2), "a recent failure answers without asking the database");
    }

    private static IEnumerable<TestCaseData> DatabaseFaults()
    {
        yield return new TestCaseData(new SqliteException("database is locked", SQLITE_BUSY), 1).SetName("{m}(SQLite busy)");
        yield return new TestCaseData(new SqliteException("attempt to write a readonly database", SQLITE_READONLY), 5).SetName("{m}(SQLite read-only)");
        yield return new TestCaseData(new SqliteException("database or disk is full", SQLITE_FULL), 5).SetName("{m}(SQLite full)");
        yield return new TestCaseData(new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", PostgresErrorCodes.ReadOnlySqlTransaction), 5).SetName("{m}(PostgreSQL read-only)");
        yield return new TestCaseData(new PostgresException("could not extend file", "ERROR", "ERROR", PostgresErrorCodes.DiskFull), 5).SetName("{m}(PostgreSQL disk full)");
        yield return new TestCaseData(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), 5).SetName("{m}(PostgreSQL unreachable)");
        yield return new TestCaseData(new TimeoutException("The operation has timed out."), 1).SetName("{m}(a timeout)");
    }

    [TestCaseSource(nameof(DatabaseFaults))]
    public void A_database_fault_anywhere_in_the_chain_is_unavailability_naming_the_drivers_words(Exception fault, int retryAfterSeconds)
    {
        var unavailable = ItemStoreFaults.Classify(new InvalidOperationException("An exception was thrown while executing a query.", fault));

        Assert.That(unavailable, Is.Not.Null);
        Assert.That(unavailable!.InnerException, Is.SameAs(fault));
        Assert.That(unavailable.Message, Does.EndWith(fault.Message).And.Not.EqualTo(fault.Message), "what it means, then the driver's words");
        Assert.That(unavailable.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(retryAfterSeconds)), "a lock or a timeout may pass in a second");
    }

    [Test]
    public void A_postgresql_error_that_is_not_the_servers_state_is_not_unavailability() =>
        Assert.That(ItemStoreFaults.Classify(new PostgresException("syntax error", "ERROR", "ERROR", PostgresErrorCodes.SyntaxError)), Is.Null);

    /// <summary>A database that answers the probe, or fails it as told.</summary>
    private sealed class Probe : IItemStoreProbe
    {
        public Exception? Failure { get; set; }

        public int Calls { get; private set; }

        public Task ProbeAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
        }
    }
}
