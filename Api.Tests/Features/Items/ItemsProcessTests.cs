using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Api.Tests.Features.Items;

/// <summary>
/// The items on the real process, over a socket to Kestrel, on a SQLite file of their own: writers at once, a page walk
/// while others write, and the conditions, media types and hostile bodies on the wire.
/// </summary>
[NonParallelizable]
public sealed class ItemsProcessTests
{
    private ApiProcess _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _api = await ApiProcess.StartListeningAsync();

    [OneTimeTearDown]
    public void Stop() => _api.Dispose();

    private Task<ApiResponse> CreateAsync(string name, decimal price = 1) =>
        _api.SendAsync(ApiRequest.Json("POST", "/items", new JsonObject { ["name"] = name, ["price"] = price }.ToJsonString()));

    [Test]
    public async Task Fifty_writers_at_once_all_get_their_201_and_every_item_reads_back()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => CreateAsync($"writer {i}", i)));

        Assert.That(answers.Select(answer => answer.Status), Has.All.EqualTo(201));
        var ids = answers.Select(ItemWriter.IdOf).ToList();
        Assert.That(ids, Is.Unique);
        foreach (var (id, i) in ids.Select((id, i) => (id, i))) Assert.That(await ItemWriter.NameAsync(_api, id), Is.EqualTo($"writer {i}"));
    }

    [Test]
    public async Task Of_twenty_puts_at_once_with_one_if_match_exactly_one_succeeds()
    {
        var item = await CreateAsync("contested");
        var target = $"/items/{ItemWriter.IdOf(item)}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _api.SendAsync(
            ApiRequest.Json("PUT", target, $$"""{"name":"writer {{i}}","price":{{i}}}""").With("If-Match", item.Headers.ETag.ToString()))));

        Assert.That((answers.Count(a => a.Status == 200), answers.Count(a => a.Status == 412)), Is.EqualTo((1, 19)));
        var winner = answers.Single(a => a.Status == 200);
        Assert.That((await _api.SendAsync(ApiRequest.Get(target))).Text, Is.EqualTo(winner.Text));
    }

    [Test]
    public async Task A_walk_along_next_sees_every_item_that_exists_for_the_whole_walk_once_while_others_come_and_go()
    {
        var start = ItemWriter.IdOf(await CreateAsync("before the walk")) - 1;
        var stable = new List<long>();
        for (var i = 0; i < 30; i++) stable.Add(ItemWriter.IdOf(await CreateAsync($"stable {i}")));
        var doomed = new List<long>();
        for (var i = 0; i < 10; i++) doomed.Add(ItemWriter.IdOf(await CreateAsync($"doomed {i}")));

        var seen = new List<long>();
        var next = $"/items?after={start}&limit=7";
        var turn = 0;
        while (next is not null)
        {
            var page = await _api.SendAsync(ApiRequest.Get(next));
            seen.AddRange(page.Json!["items"]!.AsArray().Select(item => (long)item!["id"]!));
            next = (string?)page.Json["next"];
            // Between pages others write: an item added, one deleted.
            await CreateAsync($"added during the walk {turn}");
            if (turn < doomed.Count) await _api.SendAsync(new ApiRequest("DELETE", $"/items/{doomed[turn]}"));
            turn++;
        }

        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.Ordered);
        Assert.That(seen, Is.SupersetOf(stable));
    }

    [Test]
    public async Task The_conditions_of_a_read_and_a_change_hold_on_the_wire()
    {
        var item = await CreateAsync("conditional");
        var target = $"/items/{ItemWriter.IdOf(item)}";
        var etag = item.Headers.ETag.ToString();

        var notModified = await _api.SendAsync(ApiRequest.Get(target).With("If-None-Match", etag));
        var stale = await _api.SendAsync(ApiRequest.Json("PUT", target, """{"name":"x","price":1}""").With("If-Match", "\"0.0\""));
        var head = await _api.SendAsync(new ApiRequest("HEAD", target).With("If-Modified-Since", item.Headers.LastModified.ToString()));

        Assert.That((notModified.Status, notModified.Body.Length, notModified.Headers.ETag.ToString()), Is.EqualTo((304, 0, etag)));
        ProblemAssert.IsProblem(stale, 412);
        Assert.That((head.Status, head.Body.Length), Is.EqualTo((304, 0)));
    }

    [TestCase("text/plain", "name=x", 415)]
    [TestCase("application/json; charset=utf-8", """{"name":"x","price":"1"}""", 400)]
    [TestCase("application/json", """{"name":"x","price":1""", 400)]
    [TestCase("application/x-www-form-urlencoded", "name=x&price=abc", 400)]
    public async Task A_body_of_another_type_or_broken_is_a_4xx_problem(string mediaType, string body, int status) =>
        ProblemAssert.IsProblem(await _api.SendAsync(new ApiRequest("POST", "/items").WithBody(Encoding.UTF8.GetBytes(body), mediaType)), status);

    [Test]
    public async Task A_body_of_2_mb_is_413()
    {
        var name = new string('x', 2 * 1024 * 1024);

        ProblemAssert.IsProblem(await _api.SendAsync(ApiRequest.Json("POST", "/items", $$"""{"name":"{{name}}","price":1}""")), 413);
    }

    [Test]
    public async Task Json_nested_ten_thousand_deep_is_400_and_the_api_still_answers()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        ProblemAssert.IsProblem(await _api.SendAsync(ApiRequest.Json("POST", "/items", $$"""{"name":"x","price":1,"extra":{{deep}}}""")), 400);
        Assert.That((await CreateAsync("after the deep one")).Status, Is.EqualTo(201));
    }

    [Test]
    public async Task Sql_in_strings_is_stored_literally_and_the_table_is_intact()
    {
        const string Name = "x'); DELETE FROM items; --";
        var item = await CreateAsync(Name);

        Assert.That(await ItemWriter.NameAsync(_api, ItemWriter.IdOf(item)), Is.EqualTo(Name));
        Assert.That((await _api.SendAsync(ApiRequest.Get("/items?limit=1"))).Json!["items"]!.AsArray(), Is.Not.Empty);
    }

    [TestCase("/items/abc")]
    [TestCase("/items/99999999999999999999")]
    [TestCase("/items/0")]
    public async Task An_id_that_is_no_item_is_404_on_the_wire(string target) =>
        ProblemAssert.IsProblem(await _api.SendAsync(ApiRequest.Get(target)), 404);

    [Test]
    public async Task Every_answer_carries_the_date_it_was_made_never_before_its_last_modified()
    {
        var item = await CreateAsync("dated");
        var replaced = await _api.SendAsync(ApiRequest.Json("PUT", $"/items/{ItemWriter.IdOf(item)}", """{"name":"dated","price":2}"""));

        foreach (var answer in new[] { item, replaced })
        {
            Assert.That(
                DateTimeOffset.Parse(answer.Headers.Date.ToString(), CultureInfo.InvariantCulture),
                Is.GreaterThanOrEqualTo(DateTimeOffset.Parse(answer.Headers.LastModified.ToString(), CultureInfo.InvariantCulture)));
        }
    }
}
