using Api.Features.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Api.Tests.Features.Items;

/// <summary>
/// /readyz names the item store: 503 once a write failed on a full database, while /healthz stays 200. On PostgreSQL an
/// outage also holds threads in reserve for Npgsql's cancel requests while it lasts.
/// </summary>
[NonParallelizable]
public sealed class ItemStoreReadinessTests
{
    [Test]
    public async Task Readiness_is_503_naming_the_store_after_a_write_failed_and_liveness_stays_200()
    {
        using var folder = new TemporaryFolder();
        var full = new MaxPageCountInterceptor();
        await using var factory = new ApiFactory();
        var api = factory.With(("ConnectionStrings:Items", $"Data Source={Path.Combine(folder.FullName, "items.db")}"))
            .WithServices(services => services.ConfigureDbContext<SqliteItemsDbContext>(options => options.AddInterceptors(full)));
        var store = api.Services.GetRequiredService<IItemStore>();
        Assert.That((await api.GetAsync("/readyz")).Text, Is.EqualTo("""{"status":"Healthy","checks":{"lifetime":"Healthy","items":"Healthy"}}"""));

        full.On = true;
        var failed = false;
        for (var attempt = 0; attempt < 200 && !failed; attempt++)
        {
            try
            {
                await store.AddAsync(new ItemFields("filler", new string('x', 1000), 1m));
            }
            catch (StoreUnavailableException)
            {
                failed = true;
            }
        }

        var readiness = await api.SendAsync(ApiRequest.Get("/readyz"));
        Assert.That(failed);
        Assert.That((readiness.Status, readiness.Text), Is.EqualTo((503, """{"status":"Unhealthy","checks":{"lifetime":"Healthy","items":"Unhealthy"}}""")));
        Assert.That((await api.GetAsync("/healthz")).Status, Is.EqualTo(200));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [TestCase(ItemsDatabaseSettings.Postgres, "Host=db;Maximum Pool Size=7", 7)]
    [TestCase(ItemsDatabaseSettings.Sqlite, "Data Source=items.db", 0)]
    public async Task On_postgresql_an_outage_raises_the_thread_pools_minimum_by_the_pool_size_until_it_has_passed(string provider, string connectionString, int reserved)
    {
        var time = new ShiftedTime();
        using var health = new ItemStoreHealth(time, new ItemStoreTarget(provider, connectionString, "db", 5), NullLogger<ItemStoreHealth>.Instance);
        ThreadPool.GetMinThreads(out var before, out var completionPortsBefore);

        health.Report(new StoreUnavailableException("The database did not answer."));
        health.Report(new StoreUnavailableException("The database did not answer again."));
        ThreadPool.GetMinThreads(out var during, out var completionPorts);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        ThreadPool.GetMinThreads(out var withinTheWindow, out _);
        time.Offset += ItemStoreHealth.Window;
        var after = withinTheWindow;
        for (var waited = 0; waited < 50 && after != before; waited++)
        {
            await Task.Delay(100);
            ThreadPool.GetMinThreads(out after, out _);
        }

        health.Report(new StoreUnavailableException("The database did not answer after all."));
        ThreadPool.GetMinThreads(out var again, out _);
        health.Dispose();
        ThreadPool.GetMinThreads(out var disposed, out _);

        Assert.That(during - before, Is.EqualTo(reserved), "a thread for each connection's cancel request, once per outage");
        Assert.That(completionPorts, Is.EqualTo(completionPortsBefore));
        Assert.That(withinTheWindow - before, Is.EqualTo(reserved), "kept while failures are recent");
        Assert.That(after, Is.EqualTo(before), "given back once the outage has passed");
        Assert.That(again - before, Is.EqualTo(reserved), "the next outage reserves them again");
        Assert.That(disposed, Is.EqualTo(before), "a host stopped during an outage gives them back");
    }
}
