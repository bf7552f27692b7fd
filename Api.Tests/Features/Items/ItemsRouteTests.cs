using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Api.Features.Items;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Api.Tests.Features.Items;

/// <summary>
/// The five verbs on /items, in memory, against a database of the fixture's own on each provider: every request and
/// answer checked against the document. The same requests on Kestrel: <see cref="ItemsProcessTests"/>.
/// </summary>
[TestFixture(ItemsDatabaseSettings.Sqlite)]
[TestFixture(ItemsDatabaseSettings.Postgres)]
public sealed class ItemsRouteTests(string provider)
{
    private const string Widget = """{"name":"Widget","description":"A small one","price":19.99}""";

    private ApiFactory? _api;

    [OneTimeSetUp]
    public void StartServer() => _api = new ApiFactory(provider);

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (_api is not null) await _api.DisposeAsync();
    }

    private Task<ApiResponse> SendAsync(ApiRequest request) => _api!.SendAsync(request);

    private async Task<JsonNode> CreateAsync(string json = Widget)
    {
        var created = await SendAsync(ApiRequest.Json("POST", "/items", json));
        Assert.That(created.Status, Is.EqualTo(201), created.Text);
        return created.Json!;
    }

    private static string ETagOf(ApiResponse response) => response.Headers.ETag.ToString();

    [Test]
    public async Task A_created_item_is_201_with_its_location_and_validators_and_reads_back_the_same()
    {
        var created = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var id = (long)created.Json!["id"]!;

        var read = await SendAsync(ApiRequest.Get($"/items/{id}"));
        var head = await SendAsync(new ApiRequest("HEAD", $"/items/{id}"));

        Assert.That((created.Status, created.Headers.Location.ToString()), Is.EqualTo((201, $"/items/{id}")));
        Assert.That((string?)created.Json["name"], Is.EqualTo("Widget"));
        Assert.That(created.Json["price"]!.ToJsonString(), Is.EqualTo("19.99"));
        Assert.That((string?)created.Json["description"], Is.EqualTo("A small one"));
        Assert.That((read.Status, read.Text, ETagOf(read), read.Headers.LastModified.ToString()),
            Is.EqualTo((200, created.Text, ETagOf(created), created.Headers.LastModified.ToString())));
        Assert.That(EntityTagHeaderValue.Parse(ETagOf(read)).IsWeak, Is.False);
        Assert.That(read.Headers.CacheControl.ToString(), Is.EqualTo("no-cache"));
        Assert.That((head.Status, ETagOf(head), head.ContentLength, head.Body.Length), Is.EqualTo((200, ETagOf(read), read.ContentLength, 0)));
    }

    [Test]
    public async Task Times_are_utc_in_rfc_3339_and_last_modified_is_the_last_change_in_whole_seconds()
    {
        var item = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var updatedAt = DateTimeOffset.Parse((string)item.Json!["updatedAt"]!, CultureInfo.InvariantCulture);

        Assert.That((string)item.Json["createdAt"]!, Does.EndWith("Z"));
        Assert.That(item.Json["createdAt"]!.ToJsonString(), Is.EqualTo(item.Json["updatedAt"]!.ToJsonString()));
        Assert.That(item.Headers.LastModified.ToString(), Is.EqualTo(HeaderUtilities.FormatDate(DateTimeOffset.FromUnixTimeSeconds(updatedAt.ToUnixTimeSeconds()))));
        Assert.That(DateTimeOffset.Parse(item.Headers.Date.ToString(), CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(DateTimeOffset.FromUnixTimeSeconds(updatedAt.ToUnixTimeSeconds())));
    }

    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data")]
    public async Task A_form_creates_the_same_item_as_json(string mediaType)
    {
        using HttpContent content = mediaType == "multipart/form-data"
            ? new MultipartFormDataContent { { new StringContent("Widget"), "name" }, { new StringContent("A small one"), "description" }, { new StringContent("19.99"), "price" } }
            : new FormUrlEncodedContent([new("name", "Widget"), new("description", "A small one"), new("price", "19.99")]);

        var created = await SendAsync(ApiRequest.Post("/items", content));

        Assert.That(created.Status, Is.EqualTo(201), created.Text);
        Assert.That(((string?)created.Json!["name"], (string?)created.Json["description"], created.Json["price"]!.ToJsonString()), Is.EqualTo(("Widget", "A small one", "19.99")));
    }

    [TestCase("application/json; charset=utf-8")]
    [TestCase("Application/JSON")]
    public async Task Json_is_read_whatever_the_case_of_its_media_type_and_its_parameters(string mediaType) =>
        Assert.That((await SendAsync(ApiRequest.Json("POST", "/items", Widget) with { ContentType = mediaType })).Status, Is.EqualTo(201));

    [TestCase("text/plain")]
    [TestCase("application/xml")]
    [TestCase(null)]
    public async Task Any_other_media_type_is_415(string? mediaType)
    {
        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Json("POST", "/items", Widget) with { ContentType = mediaType }), 415);
        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Json("PUT", $"/items/{(long)(await CreateAsync())["id"]!}", Widget) with { ContentType = mediaType }), 415);
    }

    [Test]
    public async Task Every_field_that_breaks_a_rule_is_named_at_once()
    {
        var response = await SendAsync(ApiRequest.Json("POST", "/items", $$"""{"name":"   ","description":"{{new string('d', 1001)}}","price":19.999}"""));

        ProblemAssert.IsProblem(response, 400);
        Assert.That(response.Json!["errors"]!.AsObject().Select(error => error.Key), Is.EquivalentTo(new[] { "name", "description", "price" }));
    }

    [TestCase("{}", new[] { "name", "price" })]
    [TestCase("""{"name":"","price":-0.01}""", new[] { "name", "price" })]
    [TestCase("""{"name":"x","price":1000000000.01}""", new[] { "price" })]
    public async Task Missing_or_empty_fields_are_named(string json, string[] fields)
    {
        var response = await SendAsync(ApiRequest.Json("POST", "/items", json));

        ProblemAssert.IsProblem(response, 400);
        Assert.That(response.Json!["errors"]!.AsObject().Select(error => error.Key), Is.EquivalentTo(fields));
    }

    [TestCase("""{"name":"Widget","price":"19.99"}""")]
    [TestCase("""{"name":5,"price":1}""")]
    [TestCase("""{"name":"Widget","price":1e400}""")]
    [TestCase("""{"name":"Widget","price":1""")]
    [TestCase("""not json""")]
    [TestCase("""[]""")]
    [TestCase("")]
    public async Task A_value_of_the_wrong_type_or_malformed_json_is_400(string json) =>
        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Json("POST", "/items", json)), 400);

    [TestCase("""{"name":"Widget","price":"19.99"}""", "price")]
    [TestCase("""{"name":5,"price":1}""", "name")]
    [TestCase("""{"name":"Widget","price":1""", "price")]
    public async Task A_body_that_does_not_read_is_one_error_under_its_fields_name(string json, string field)
    {
        var response = await SendAsync(ApiRequest.Json("POST", "/items", json));

        ProblemAssert.IsProblem(response, 400);
        Assert.That(response.Json!["errors"]!.AsObject().Select(error => error.Key), Is.EqualTo(new[] { field }));
    }

    [TestCase("0", "0")]
    [TestCase("19.99", "19.99")]
    [TestCase("1e2", "100")]
    [TestCase("1000000000", "1000000000")]
    [TestCase("0.10", "0.1")]
    public async Task A_price_is_kept_exactly(string sent, string readBack)
    {
        var item = await CreateAsync($$"""{"name":"Widget","price":{{sent}}}""");

        Assert.That(item["price"]!.ToJsonString(), Is.EqualTo(readBack));
    }

    [Test]
    public async Task The_id_and_times_of_a_body_are_not_read()
    {
        var item = await CreateAsync("""{"id":999999,"name":"Widget","price":1,"createdAt":"2000-01-01T00:00:00Z","updatedAt":"2000-01-01T00:00:00Z"}""");

        Assert.That((long)item["id"]!, Is.Not.EqualTo(999999));
        Assert.That((string)item["createdAt"]!, Does.Not.StartWith("2000"));
    }

    [Test]
    public async Task Sql_in_a_string_is_stored_literally()
    {
        const string Name = "Robert'); DROP TABLE items;--";
        var item = await CreateAsync(new JsonObject { ["name"] = Name, ["description"] = "' OR '1'='1", ["price"] = 1 }.ToJsonString());

        var read = await SendAsync(ApiRequest.Get($"/items/{(long)item["id"]!}"));

        Assert.That(((string?)read.Json!["name"], (string?)read.Json["description"]), Is.EqualTo((Name, "' OR '1'='1")));
        Assert.That((await SendAsync(ApiRequest.Get("/items"))).Status, Is.EqualTo(200));
    }

    [TestCase("/items/0")]
    [TestCase("/items/-1")]
    [TestCase("/items/99999999")]
    [TestCase("/items/abc")]
    [TestCase("/items/1.5")]
    [TestCase("/items/99999999999999999999999")]
    public async Task An_unknown_non_numeric_or_too_large_id_is_404(string target)
    {
        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Get(target)), 404);
        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Json("PUT", target, Widget)), 404);
        ProblemAssert.IsProblem(await SendAsync(new ApiRequest("DELETE", target)), 404);
    }

    [Test]
    public async Task A_put_replaces_the_fields_and_answers_new_validators()
    {
        var item = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var id = (long)item.Json!["id"]!;

        var replaced = await SendAsync(ApiRequest.Json("PUT", $"/items/{id}", """{"name":"Gadget","price":5}"""));
        var read = await SendAsync(ApiRequest.Get($"/items/{id}"));

        Assert.That(replaced.Status, Is.EqualTo(200));
        Assert.That(((string?)replaced.Json!["name"], (string?)replaced.Json["description"], replaced.Json["price"]!.ToJsonString()), Is.EqualTo(("Gadget", (string?)null, "5")));
        Assert.That(replaced.Json["createdAt"]!.ToJsonString(), Is.EqualTo(item.Json["createdAt"]!.ToJsonString()));
        Assert.That(ETagOf(replaced), Is.Not.EqualTo(ETagOf(item)));
        Assert.That((read.Text, ETagOf(read)), Is.EqualTo((replaced.Text, ETagOf(replaced))));
    }

    [Test]
    public async Task Every_change_changes_the_etag_even_to_the_same_fields()
    {
        var id = (long)(await CreateAsync())["id"]!;
        var tags = new List<string>();
        for (var i = 0; i < 3; i++) tags.Add(ETagOf(await SendAsync(ApiRequest.Json("PUT", $"/items/{id}", Widget))));

        Assert.That(tags, Is.Unique);
    }

    [TestCase("*")]
    [TestCase("\"987654321.1\"")]
    public async Task A_put_never_creates_even_with_if_match(string tag) =>
        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Json("PUT", "/items/987654321", Widget).With("If-Match", tag)), 404);

    [TestCase("If-None-Match", "{0}", 412)]
    [TestCase("If-None-Match", "*", 412)]
    [TestCase("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT", 200)]
    public async Task An_if_match_of_the_items_tag_is_weighed_with_the_other_conditions_sent_with_it(string header, string value, int status)
    {
        var item = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var request = ApiRequest.Json("PUT", $"/items/{(long)item.Json!["id"]!}", Widget)
            .With("If-Match", ETagOf(item)).With(header, string.Format(CultureInfo.InvariantCulture, value, ETagOf(item)));

        Assert.That((await SendAsync(request)).Status, Is.EqualTo(status));
    }

    [Test]
    public async Task A_delete_with_if_match_of_an_item_that_does_not_exist_is_404() =>
        ProblemAssert.IsProblem(await SendAsync(new ApiRequest("DELETE", "/items/987654321").With("If-Match", "\"987654321.1\"")), 404);

    [TestCase("If-Match", "{0}", 200)]
    [TestCase("If-Match", "*", 200)]
    [TestCase("If-Match", "\"other\", {0}", 200)]
    [TestCase("If-Match", "\"1.0\"", 412)]
    [TestCase("If-Match", "W/{0}", 412)]
    [TestCase("If-Match", "\"0{1}.1\"", 412)]
    [TestCase("If-Match", "\"{1}.01\"", 412)]
    [TestCase("If-Match", "\"{2}.1\"", 412)]
    [TestCase("If-Match", "d*,9*", 200)]
    [TestCase("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT", 412)]
    [TestCase("If-Unmodified-Since", "Fri, 01 Jan 2100 00:00:00 GMT", 200)]
    [TestCase("If-Unmodified-Since", "soon", 200)]
    [TestCase("If-None-Match", "{0}", 412)]
    [TestCase("If-None-Match", "*", 412)]
    public async Task A_put_honours_its_preconditions_and_a_failed_one_changes_nothing(string header, string value, int status)
    {
        var item = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var id = (long)item.Json!["id"]!;
        var target = $"/items/{id}";

        var condition = string.Format(CultureInfo.InvariantCulture, value, ETagOf(item), id, id + 1);
        var response = await SendAsync(ApiRequest.Json("PUT", target, """{"name":"Gadget","price":5}""").With(header, condition));
        var read = await SendAsync(ApiRequest.Get(target));

        Assert.That(response.Status, Is.EqualTo(status));
        if (status == 412)
        {
            ProblemAssert.IsProblem(response, 412);
            Assert.That((read.Text, ETagOf(read)), Is.EqualTo((item.Text, ETagOf(item))), "unchanged");
        }
    }

    [Test]
    public async Task A_delete_is_204_then_404_and_a_stale_if_match_leaves_the_item()
    {
        var item = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var target = $"/items/{(long)item.Json!["id"]!}";
        await SendAsync(ApiRequest.Json("PUT", target, Widget));

        var stale = await SendAsync(new ApiRequest("DELETE", target).With("If-Match", ETagOf(item)));
        var kept = await SendAsync(ApiRequest.Get(target));
        var deleted = await SendAsync(new ApiRequest("DELETE", target).With("If-Match", ETagOf(kept)));

        ProblemAssert.IsProblem(stale, 412);
        Assert.That((kept.Status, deleted.Status, deleted.Body.Length), Is.EqualTo((200, 204, 0)));
        ProblemAssert.IsProblem(await SendAsync(new ApiRequest("DELETE", target)), 404);
        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Get(target)), 404);
    }

    [TestCase("If-None-Match", "{0}", 304)]
    [TestCase("If-None-Match", "W/{0}", 304)]
    [TestCase("If-None-Match", "\"other\", {0}", 304)]
    [TestCase("If-None-Match", "*", 304)]
    [TestCase("If-None-Match", "\"other\"", 200)]
    [TestCase("If-None-Match", "d*,9*", 200)]
    [TestCase("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT", 304)]
    [TestCase("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT", 200)]
    [TestCase("If-Modified-Since", "yesterday", 200)]
    [TestCase("If-Match", "\"1.0\"", 412)]
    public async Task A_read_honours_its_conditions(string header, string value, int status)
    {
        var item = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var target = $"/items/{(long)item.Json!["id"]!}";

        foreach (var method in new[] { "GET", "HEAD" })
        {
            var response = await SendAsync(new ApiRequest(method, target).With(header, string.Format(CultureInfo.InvariantCulture, value, ETagOf(item))));

            Assert.That(response.Status, Is.EqualTo(status), method);
            if (status == 304) Assert.That((response.Body.Length, response.ContentType, ETagOf(response)), Is.EqualTo((0, (string?)null, ETagOf(item))), method);
        }
    }

    [Test]
    public async Task A_page_is_items_in_ascending_id_with_a_next_link_until_the_last()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((long)(await CreateAsync())["id"]!);
        var start = ids[0] - 1;

        var first = await SendAsync(ApiRequest.Get($"/items?after={start}&limit=2"));
        var next = (string)first.Json!["next"]!;
        var second = await SendAsync(ApiRequest.Get(next));

        Assert.That(first.Json["items"]!.AsArray().Select(item => (long)item!["id"]!), Is.EqualTo(ids[..2]));
        Assert.That(next, Is.EqualTo($"/items?after={ids[1]}&limit=2"));
        Assert.That(first.Headers["Link"].ToString(), Is.EqualTo($"<{next}>; rel=\"next\""));
        Assert.That(second.Json!["items"]!.AsArray().Select(item => (long)item!["id"]!), Is.EqualTo(ids[2..4]));
        var last = await SendAsync(ApiRequest.Get($"/items?after={ids[3]}&limit=2"));
        Assert.That(last.Json!["items"]!.AsArray().Select(item => (long)item!["id"]!), Is.EqualTo(ids[4..]));
        Assert.That((last.Json["next"], last.Headers.ContainsKey("Link")), Is.EqualTo(((JsonNode?)null, false)));
    }

    [Test]
    public async Task A_next_link_still_works_once_every_item_of_its_page_is_deleted_and_past_the_last_id_is_an_empty_page()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add((long)(await CreateAsync())["id"]!);
        var page = await SendAsync(ApiRequest.Get($"/items?after={ids[0] - 1}&limit=1"));
        foreach (var id in ids[..2]) await SendAsync(new ApiRequest("DELETE", $"/items/{id}"));

        var next = await SendAsync(ApiRequest.Get((string)page.Json!["next"]!));
        var past = await SendAsync(ApiRequest.Get("/items?after=9000000000000000000"));

        Assert.That(next.Json!["items"]!.AsArray().Select(item => (long)item!["id"]!), Is.EqualTo(new[] { ids[2] }));
        Assert.That((past.Json!["items"]!.AsArray().Count, past.Json["next"]), Is.EqualTo((0, (JsonNode?)null)));
    }

    [Test]
    public async Task The_default_page_holds_twenty_items()
    {
        for (var i = 0; i < 21; i++) await CreateAsync();

        Assert.That((await SendAsync(ApiRequest.Get("/items"))).Json!["items"]!.AsArray(), Has.Count.EqualTo(20));
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    [TestCase("limit=abc", "limit")]
    [TestCase("limit=", "limit")]
    [TestCase("after=-1", "after")]
    [TestCase("after=abc", "after")]
    [TestCase("after=99999999999999999999", "after")]
    [TestCase("after=1.5&limit=x", "after,limit")]
    public async Task Anything_else_in_the_page_parameters_is_400_keyed_by_the_parameter(string query, string keys)
    {
        var response = await SendAsync(ApiRequest.Get("/items?" + query));

        ProblemAssert.IsProblem(response, 400);
        Assert.That(response.Json!["errors"]!.AsObject().Select(error => error.Key), Is.EquivalentTo(keys.Split(',')));
    }

    [TestCase("PATCH", "/items/1", "DELETE, GET, HEAD, OPTIONS, PUT")]
    [TestCase("PUT", "/items", "GET, HEAD, OPTIONS, POST")]
    [TestCase("DELETE", "/items", "GET, HEAD, OPTIONS, POST")]
    public async Task Another_method_is_405_with_allow(string method, string target, string allow)
    {
        var response = await SendAsync(new ApiRequest(method, target));

        ProblemAssert.IsProblem(response, 405);
        Assert.That(response.Allow, Is.EqualTo(allow));
    }

    [Test]
    public async Task Of_twenty_simultaneous_puts_with_one_if_match_exactly_one_succeeds_and_the_others_are_412()
    {
        var item = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var target = $"/items/{(long)item.Json!["id"]!}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            SendAsync(ApiRequest.Json("PUT", target, $$"""{"name":"Writer {{i}}","price":{{i}}}""").With("If-Match", ETagOf(item)))));

        Assert.That(answers.Count(answer => answer.Status == 200), Is.EqualTo(1));
        Assert.That(answers.Count(answer => answer.Status == 412), Is.EqualTo(19));
    }

    [Test]
    public async Task A_body_deeper_than_the_json_reader_takes_is_400() =>
        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Json("POST", "/items",
            "{\"name\":\"x\",\"price\":1,\"deep\":" + new string('[', 10_000) + new string(']', 10_000) + "}")), 400);

    // The framework reads the items' forms, and does not tell a form beyond its limits from a malformed one: both are 400.
    [TestCase(998, 2, 201, TestName = "{m}(1000 fields)")]
    [TestCase(999, 2, 400, TestName = "{m}(1001 fields)")]
    [TestCase(1, 2049, 400, TestName = "{m}(a key of 2049 bytes)")]
    public async Task A_form_beyond_the_form_limits_is_400_and_stores_nothing(int extraFields, int keyBytes, int status)
    {
        var extra = Enumerable.Range(0, extraFields).Select(i => $"{i.ToString(CultureInfo.InvariantCulture).PadLeft(keyBytes, 'k')}=1");
        var before = (await SendAsync(ApiRequest.Get("/items?limit=100"))).Text;

        var answer = await SendAsync(ApiRequest.Form("/items", string.Join('&', [.. extra, "name=Formed", "price=1"])));

        Assert.That(answer.Status, Is.EqualTo(status), answer.Text);
        if (status == 400)
        {
            ProblemAssert.IsProblem(answer, 400);
            Assert.That((await SendAsync(ApiRequest.Get("/items?limit=100"))).Text, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task A_multipart_body_in_utf8_keeps_its_text()
    {
        using var content = new MultipartFormDataContent { { new StringContent("Café ☕", Encoding.UTF8), "name" }, { new StringContent("2"), "price" } };

        Assert.That((string?)(await SendAsync(ApiRequest.Post("/items", content))).Json!["name"], Is.EqualTo("Café ☕"));
    }

    [TestCase("DELETE", 404)]
    [TestCase("PUT", 200)]
    public async Task A_put_overtaken_between_its_check_and_its_write_is_checked_again_on_what_the_other_write_left(string overtaking, int status)
    {
        var item = await SendAsync(ApiRequest.Json("POST", "/items", Widget));
        var id = (long)item.Json!["id"]!;
        var api = _api!.WithServices(services => services.AddSingleton<IItemStore>(stored => new OvertakenBeforeReplace(
            (IItemStore)stored.GetRequiredService<IItemStoreProbe>(),
            store => overtaking == "DELETE" ? store.DeleteAsync(id) : store.ReplaceAsync(id, 1, new ItemFields("First", null, 1m)))));

        var answer = await api.SendAsync(ApiRequest.Json("PUT", $"/items/{id}", Widget));

        Assert.That(answer.Status, Is.EqualTo(status), answer.Text);
        if (status == 200) Assert.That((string?)(await SendAsync(ApiRequest.Get($"/items/{id}"))).Json!["name"], Is.EqualTo("Widget"), "made on the version the other PUT left");
    }

    /// <summary>The real store, where another client's write lands once, between a PUT's check and its write.</summary>
    private sealed class OvertakenBeforeReplace(IItemStore store, Func<IItemStore, Task> overtake) : IItemStore
    {
        private int _overtaken;

        public Task<ItemPage> ListAsync(long? after, int limit, CancellationToken cancellationToken = default) => store.ListAsync(after, limit, cancellationToken);

        public Task<Item?> FindAsync(long id, CancellationToken cancellationToken = default) => store.FindAsync(id, cancellationToken);

        public Task<Item> AddAsync(ItemFields fields, CancellationToken cancellationToken = default) => store.AddAsync(fields, cancellationToken);

        public async Task<ReplaceResult> ReplaceAsync(long id, long version, ItemFields fields, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _overtaken, 1) == 0) await overtake(store);
            return await store.ReplaceAsync(id, version, fields, cancellationToken);
        }

        public Task<DeleteOutcome> DeleteAsync(long id, long? version = null, CancellationToken cancellationToken = default) => store.DeleteAsync(id, version, cancellationToken);
    }
}
