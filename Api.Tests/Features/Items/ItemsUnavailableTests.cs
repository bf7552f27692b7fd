using System.Text.Json.Nodes;
using Api.Features.Items;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Api.Tests.Features.Items;

/// <summary>A write the database cannot take now is answered 503 problem+json with the store's Retry-After, in the test process.</summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ItemsUnavailableTests
{
    private static ApiRequest NewItem() => ApiRequest.Json("POST", "/items", new JsonObject { ["name"] = "pen", ["price"] = 1.5m }.ToJsonString());

    private static void AssertUnavailable(ApiResponse answer, string retryAfter)
    {
        ProblemAssert.IsProblem(answer, 503);
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo(retryAfter));
        Assert.That((string?)answer.Json!["detail"], Is.EqualTo("The item store cannot serve this request now; try again after Retry-After seconds."));
    }

    [Test]
    public async Task A_write_on_a_database_held_by_another_writer_beyond_the_timeout_is_503_with_retry_after_1()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.FullName, "items.db");
        await using var factory = new ApiFactory();
        var api = factory.With(("ConnectionStrings:Items", $"Data Source={file}"), ("Database:TimeoutSeconds", "1"));
        Assert.That((await api.SendAsync(NewItem())).Status, Is.EqualTo(201));

        await using var holder = new SqliteConnection($"Data Source={file}");
        await holder.OpenAsync();
        await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync();
        await using (var write = new SqliteCommand("DELETE FROM items", holder, transaction))
        {
            await write.ExecuteNonQueryAsync();
        }

        AssertUnavailable(await api.SendAsync(NewItem()), "1");
        await transaction.RollbackAsync();
        SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task A_write_on_a_read_only_database_is_503_with_retry_after_5()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.FullName, "items.db");
        await using var factory = new ApiFactory();
        var api = factory.With(("ConnectionStrings:Items", $"Data Source={file}"));
        Assert.That((await api.SendAsync(NewItem())).Status, Is.EqualTo(201));
        SqliteConnection.ClearAllPools();

        using (ReadOnlyFile.Make(file))
        {
            AssertUnavailable(await api.SendAsync(NewItem()), "5");
        }

        SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task A_store_failure_that_is_not_the_databases_is_a_500_without_retry_after()
    {
        var store = new Mock<IItemStore>();
        store.Setup(s => s.FindAsync(It.IsAny<long>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("a fault of the code"));
        await using var factory = new ApiFactory();
        var api = factory.WithServices(services => services.AddSingleton(store.Object));

        var answer = await api.SendUncheckedAsync(ApiRequest.Get("/items/1"));

        ProblemAssert.IsProblem(answer, 500);
        Assert.That(answer.Headers.ContainsKey("Retry-After"), Is.False, "not a failure to try again");
    }
}
