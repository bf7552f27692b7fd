using Api.Features.Items;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Api.Tests.Features.Items;

/// <summary>/metrics shows the database's work after an item is written and read: EF Core's own meter, and on PostgreSQL Npgsql's.</summary>
[NonParallelizable]
public sealed class ItemStoreMetricsTests
{
    private static async Task<string> WriteAndScrapeAsync(InMemoryApi api, string until)
    {
        var store = api.Services.GetRequiredService<IItemStore>();
        await store.FindAsync((await store.AddAsync(new ItemFields("counted", null, 2m))).Id);
        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains(until, StringComparison.Ordinal); attempt++)
        {
            text = (await api.GetAsync("/metrics")).Text;
            await Task.Delay(100);
        }

        return text;
    }

    [Test]
    public async Task Entity_framework_cores_meter_counts_the_stores_queries_and_contexts()
    {
        using var folder = new TemporaryFolder();
        using var factory = new ApiFactory();
        var api = factory.With(("ConnectionStrings:Items", $"Data Source={Path.Combine(folder.FullName, "items.db")}"));

        var metrics = await WriteAndScrapeAsync(api, "microsoft_entityframeworkcore_queries");

        Assert.That(metrics, Does.Match("(?m)^microsoft_entityframeworkcore_queries(_total)?(\\{[^}]*\\})? [1-9]"), "the read is counted");
        Assert.That(metrics, Does.Match("(?m)^microsoft_entityframeworkcore_active_dbcontexts[{ ]"));
        Assert.That(metrics, Does.Match("(?m)^microsoft_entityframeworkcore_savechanges(_total)?(\\{[^}]*\\})? 0( [0-9]+)?$"), "the write is the store's own command, which the meter does not count");
        await factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task Npgsqls_meter_shows_its_commands_and_connections_on_postgresql()
    {
        var server = StoreDatabase.PostgresServer();
        var name = "items_metrics_" + Guid.NewGuid().ToString("N");
        using var factory = new ApiFactory();
        try
        {
            var api = factory.With(("Database:Provider", "Postgres"), ("ConnectionStrings:Items", new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString));

            var metrics = await WriteAndScrapeAsync(api, "db_client_");

            Assert.That(metrics, Does.Match("(?m)^db_client_operation_duration_seconds_count\\{[^}]*db_client_connection_pool_name=\"[^\"]+\""));
            Assert.That(metrics, Does.Match("(?m)^db_client_connection_count\\{"));
        }
        finally
        {
            await factory.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
