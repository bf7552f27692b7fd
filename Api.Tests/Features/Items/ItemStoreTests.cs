using System.Collections.Concurrent;
using System.Globalization;
using Api.Features.Items;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Api.Tests.Features.Items;

/// <summary>
/// The item store on a real database of each provider: a fresh SQLite file per fixture, or a fresh database on the
/// PostgreSQL server API_TEST_POSTGRES names (ignored, with the reason, without one).
/// </summary>
[TestFixture(ItemsDatabaseSettings.Sqlite)]
[TestFixture(ItemsDatabaseSettings.Postgres)]
[NonParallelizable]
public sealed class ItemStoreTests(string provider)
{
    private StoreDatabase _database = null!;

    private IItemStore Store => _database.Store;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await StoreDatabase.CreateAsync(provider);

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    private static ItemFields Fields(string name = "pen", string? description = "blue ink", decimal price = 1.5m) => new(name, description, price);

    [Test]
    public async Task An_added_item_has_an_id_utc_times_to_the_microsecond_and_version_1_and_reads_back_identical()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        var added = await Store.AddAsync(Fields("lamp", "a desk lamp", 19.99m));
        var found = await Store.FindAsync(added.Id);

        Assert.That(added.Id, Is.GreaterThan(0));
        Assert.That(added.Version, Is.EqualTo(1));
        Assert.That(added.CreatedAt, Is.EqualTo(added.UpdatedAt).And.InRange(before, DateTime.UtcNow.AddSeconds(1)));
        Assert.That(added.CreatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(added.CreatedAt.Ticks % TimeSpan.TicksPerMicrosecond, Is.Zero, "whole microseconds, as PostgreSQL keeps them");
        Assert.That(found, Is.Not.Null);
        Assert.That(
            (found!.Id, found.Name, found.Description, found.Price, found.CreatedAt, found.CreatedAt.Kind, found.UpdatedAt, found.Version),
            Is.EqualTo((added.Id, "lamp", "a desk lamp", 19.99m, added.CreatedAt, DateTimeKind.Utc, added.UpdatedAt, 1L)));
    }

    [TestCase("0")]
    [TestCase("0.01")]
    [TestCase("19.99")]
    [TestCase("0.10")]
    [TestCase("123456789.05")]
    [TestCase("999999999.99")]
    [TestCase("1000000000")]
    public async Task A_price_reads_back_exactly(string text)
    {
        var price = decimal.Parse(text, CultureInfo.InvariantCulture);

        var added = await Store.AddAsync(Fields(price: price));

        Assert.That((await Store.FindAsync(added.Id))!.Price, Is.EqualTo(price));
        Assert.That((await Store.ListAsync(added.Id - 1, 1)).Items.Single().Price, Is.EqualTo(price));
    }

    [TestCase("0.001")]
    [TestCase("19.999")]
    [TestCase("-0.01")]
    [TestCase("1000000000.01")]
    [TestCase("79228162514264337593543950335")]
    public async Task A_price_the_store_cannot_keep_exactly_is_refused(string text) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Fields(price: decimal.Parse(text, CultureInfo.InvariantCulture))));

    [Test]
    public async Task Names_and_descriptions_are_kept_to_their_lengths_in_characters()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 100));
        var added = await Store.AddAsync(Fields(emoji, new string('é', 1000)));

        Assert.That((await Store.FindAsync(added.Id))!.Name, Is.EqualTo(emoji), "100 characters of two UTF-16 units each");
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Fields("")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Fields(new string('a', 101))));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Fields(description: new string('a', 1001))));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Fields("nul\0")), "PostgreSQL's text holds no NUL");
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(Fields(description: "half \uD83D")), "an unpaired surrogate");
    }

    [Test]
    public async Task A_replacement_the_store_would_not_keep_is_refused_and_the_item_stays()
    {
        var added = await Store.AddAsync(Fields());

        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceAsync(added.Id, added.Version, Fields(name: "")));

        Assert.That((await Store.FindAsync(added.Id))!.Name, Is.EqualTo(added.Name));
    }

    [Test]
    public async Task An_empty_description_is_kept_empty_and_none_stays_none()
    {
        var empty = await Store.AddAsync(Fields(description: ""));
        var none = await Store.AddAsync(Fields(description: null));

        Assert.That(((await Store.FindAsync(empty.Id))!.Description, (await Store.FindAsync(none.Id))!.Description), Is.EqualTo(("", (string?)null)));
    }

    [TestCase("Robert'); DROP TABLE items;--")]
    [TestCase("\"name\" = 'x' OR 1=1")]
    [TestCase("100% _under_ \\back\\ $1 @p0 {0} ?")]
    [TestCase("line\nbreak\ttab\r")]
    public async Task Sql_in_text_is_stored_literally(string text)
    {
        var added = await Store.AddAsync(Fields(text, text));
        var replaced = await Store.ReplaceAsync(added.Id, added.Version, Fields(text + "!", text + "!"));

        var found = await Store.FindAsync(added.Id);
        Assert.That((found!.Name, found.Description), Is.EqualTo((text + "!", text + "!")));
        Assert.That(replaced.Outcome, Is.EqualTo(ReplaceOutcome.Replaced));
        Assert.That((await Store.ListAsync(null, 1)).Items, Is.Not.Empty, "the table is still there");
    }

    [Test]
    public async Task Ids_ascend_and_are_never_handed_out_again_even_the_greatest_once_deleted()
    {
        var first = await Store.AddAsync(Fields("a"));
        var second = await Store.AddAsync(Fields("b"));
        Assert.That(await Store.DeleteAsync(second.Id), Is.EqualTo(DeleteOutcome.Deleted));
        await using (var restarted = _database.NewServices())
        {
            // Another pool, as after a restart: the id comes from the database, not from memory.
            var third = await restarted.GetRequiredService<IItemStore>().AddAsync(Fields("c"));
            Assert.That(third.Id, Is.GreaterThan(second.Id));
        }

        Assert.That(second.Id, Is.GreaterThan(first.Id));
    }

    [Test]
    public async Task A_replace_changes_the_fields_and_updated_at_and_increments_the_version_each_time()
    {
        var added = await Store.AddAsync(Fields("mug", null, 3m));
        await Task.Delay(2);

        var once = await Store.ReplaceAsync(added.Id, 1, Fields("cup", "white", 4.25m));
        var twice = await Store.ReplaceAsync(added.Id, 2, Fields("cup", null, 4.25m));

        Assert.That(once.Outcome, Is.EqualTo(ReplaceOutcome.Replaced));
        Assert.That((once.Item!.Name, once.Item.Description, once.Item.Price, once.Item.Version), Is.EqualTo(("cup", "white", 4.25m, 2L)));
        Assert.That(once.Item.CreatedAt, Is.EqualTo(added.CreatedAt));
        Assert.That(once.Item.UpdatedAt, Is.GreaterThan(added.UpdatedAt));
        Assert.That(once.Item.UpdatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That((twice.Item!.Description, twice.Item.Version), Is.EqualTo(((string?)null, 3L)), "the same fields again are a change too");
        var found = await Store.FindAsync(added.Id);
        Assert.That((found!.Version, found.UpdatedAt, found.CreatedAt), Is.EqualTo((3L, twice.Item.UpdatedAt, added.CreatedAt)));
    }

    [Test]
    public async Task A_replace_with_a_version_that_changed_or_of_an_id_that_does_not_exist_changes_nothing()
    {
        var added = await Store.AddAsync(Fields("chair"));
        await Store.ReplaceAsync(added.Id, 1, Fields("stool"));

        var stale = await Store.ReplaceAsync(added.Id, 1, Fields("bench"));
        var missing = await Store.ReplaceAsync(long.MaxValue, 1, Fields("bench"));

        Assert.That(stale, Is.EqualTo(new ReplaceResult(ReplaceOutcome.VersionChanged, null)));
        Assert.That(missing, Is.EqualTo(new ReplaceResult(ReplaceOutcome.NotFound, null)));
        Assert.That((await Store.FindAsync(added.Id))!.Name, Is.EqualTo("stool"));
    }

    [Test]
    public async Task Of_twenty_concurrent_replaces_carrying_the_same_version_exactly_one_wins()
    {
        var added = await Store.AddAsync(Fields("race"));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Store.ReplaceAsync(added.Id, 1, Fields($"writer {i}")))));

        var winners = results.Where(r => r.Outcome == ReplaceOutcome.Replaced).ToList();
        Assert.That(winners, Has.Count.EqualTo(1));
        Assert.That(results.Count(r => r.Outcome == ReplaceOutcome.VersionChanged), Is.EqualTo(19));
        var found = await Store.FindAsync(added.Id);
        Assert.That((found!.Version, found.Name), Is.EqualTo((2L, winners[0].Item!.Name)));
    }

    [Test]
    public async Task Fifty_concurrent_writers_all_succeed()
    {
        var seed = await Store.AddAsync(Fields("shared"));

        var writes = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            var added = await Store.AddAsync(Fields($"item {i}"));
            await Store.ReplaceAsync(added.Id, added.Version, Fields($"item {i}", "changed"));
            return added.Id;
        }));
        var reads = Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.ListAsync(seed.Id - 1, 100)));
        var ids = await Task.WhenAll(writes);
        await Task.WhenAll(reads);

        Assert.That(ids.Distinct().Count(), Is.EqualTo(50));
        foreach (var id in ids)
        {
            Assert.That((await Store.FindAsync(id))!.Description, Is.EqualTo("changed"));
        }
    }

    [Test]
    public async Task A_delete_removes_the_item_once_and_only_at_the_version_given()
    {
        var added = await Store.AddAsync(Fields("vase"));

        Assert.That(await Store.DeleteAsync(added.Id, version: 2), Is.EqualTo(DeleteOutcome.VersionChanged));
        Assert.That(await Store.FindAsync(added.Id), Is.Not.Null);
        Assert.That(await Store.DeleteAsync(added.Id, version: 1), Is.EqualTo(DeleteOutcome.Deleted));
        Assert.That(await Store.FindAsync(added.Id), Is.Null);
        Assert.That(await Store.DeleteAsync(added.Id, version: 1), Is.EqualTo(DeleteOutcome.NotFound));
        Assert.That(await Store.DeleteAsync(added.Id), Is.EqualTo(DeleteOutcome.NotFound));
        var other = await Store.AddAsync(Fields("jar"));
        Assert.That(await Store.DeleteAsync(other.Id), Is.EqualTo(DeleteOutcome.Deleted), "without a version, whatever the version");
    }

    [TestCase(0L)]
    [TestCase(-1L)]
    [TestCase(long.MinValue)]
    [TestCase(long.MaxValue)]
    public async Task An_id_that_no_item_can_have_finds_nothing(long id)
    {
        Assert.That(await Store.FindAsync(id), Is.Null);
        Assert.That((await Store.ReplaceAsync(id, 1, Fields())).Outcome, Is.EqualTo(ReplaceOutcome.NotFound));
        Assert.That(await Store.DeleteAsync(id, 1), Is.EqualTo(DeleteOutcome.NotFound));
        Assert.That(await Store.DeleteAsync(id), Is.EqualTo(DeleteOutcome.NotFound));
    }

    [Test]
    public async Task Pages_follow_ascending_ids_after_the_one_given_and_say_whether_more_follow()
    {
        var start = (await Store.AddAsync(Fields("page start"))).Id;
        var ids = new List<long>();
        for (var i = 0; i < 25; i++) ids.Add((await Store.AddAsync(Fields($"page {i}"))).Id);

        var first = await Store.ListAsync(start, 10);
        var second = await Store.ListAsync(first.Items[^1].Id, 10);
        var third = await Store.ListAsync(second.Items[^1].Id, 10);

        Assert.That(first.Items.Select(i => i.Id), Is.EqualTo(ids[..10]));
        Assert.That(second.Items.Select(i => i.Id), Is.EqualTo(ids[10..20]));
        Assert.That(third.Items.Select(i => i.Id), Is.EqualTo(ids[20..]));
        Assert.That((first.HasMore, second.HasMore, third.HasMore), Is.EqualTo((true, true, false)));
        Assert.That(await Store.ListAsync(ids[^1], 1), Is.EqualTo(new ItemPage([], false)).Using<ItemPage>((a, b) => a.Items.Count == b.Items.Count && a.HasMore == b.HasMore));
        Assert.That((await Store.ListAsync(ids[^2], 1)).HasMore, Is.False, "exactly the limit left");
        Assert.That((await Store.ListAsync(null, 100)).Items.Select(i => i.Id), Is.Ordered.Ascending);
        Assert.That((await Store.ListAsync(long.MaxValue, 100)).Items, Is.Empty);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListAsync(null, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListAsync(null, 101));
    }

    [Test]
    public async Task A_walk_through_the_pages_sees_every_item_that_exists_throughout_exactly_once_while_others_come_and_go()
    {
        var start = (await Store.AddAsync(Fields("walk start"))).Id;
        var steady = new List<long>();
        var transient = new ConcurrentQueue<long>();
        for (var i = 0; i < 60; i++)
        {
            var id = (await Store.AddAsync(Fields($"walk {i}"))).Id;
            if (i % 3 == 0) transient.Enqueue(id); else steady.Add(id);
        }

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(async () =>
        {
            // A bounded churn: past it the walk catches up with the last id, however slowly the machine lets it page.
            for (var n = 0; n < 300 && !stop.IsCancellationRequested; n++)
            {
                transient.Enqueue((await Store.AddAsync(Fields("newcomer"))).Id);
                if (transient.TryDequeue(out var gone)) await Store.DeleteAsync(gone);
            }
        });
        var seen = new List<long>();
        long? after = start;
        ItemPage page;
        do
        {
            page = await Store.ListAsync(after, 7);
            seen.AddRange(page.Items.Select(i => i.Id));
            after = page.Items.Count > 0 ? page.Items[^1].Id : after;
            await Task.Delay(5);
        }
        while (page.HasMore);

        await stop.CancelAsync();
        await churn;
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.SupersetOf(steady));
    }

    [Test]
    public async Task Migrating_a_database_that_is_up_to_date_applies_nothing_and_keeps_its_items()
    {
        var kept = await Store.AddAsync(Fields("kept"));
        await using var again = _database.NewServices();

        var applied = await again.GetRequiredService<ItemStoreOpener>().OpenAsync(migrate: true, CancellationToken.None);

        Assert.That(applied, Is.Empty);
        Assert.That((await again.GetRequiredService<IItemStore>().FindAsync(kept.Id))!.Name, Is.EqualTo("kept"));
    }

    [Test]
    public async Task The_readiness_check_is_healthy_while_the_database_takes_writes()
    {
        var check = ActivatorUtilities.CreateInstance<ItemStoreHealthCheck>(_database.Services);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy));
    }
}
