using Api.Features.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Features.Items;

/// <summary>/readyz names the item store: 503 once a write failed on a full database, while /healthz stays 200.</summary>
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
}
