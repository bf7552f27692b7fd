using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Api.Features.Items;
using Api.Tests.Contract;
using Npgsql;

namespace Api.Tests.Features.Items;

/// <summary>
/// PostgreSQL failing under the real API process while several clients read and write items, on a cluster of the test's
/// own (scripts/postgres.sh) that it stops or freezes without touching the shared one. Every request has a client
/// timeout: one that outlives it is a hang. Item requests get a 503 problem with Retry-After within the store's timeout
/// and a margin, never a 500; /readyz turns 503, and 200 again once the server is back, without a restart; /healthz and
/// the tutorial's routes answer 200 throughout; every write the API acknowledged is read back afterwards; the outage is
/// logged as one warning, and nothing as an error.
/// </summary>
[NonParallelizable]
public sealed class ItemsDatabaseFaultTests
{
    private const int TimeoutSeconds = 2;

    /// <summary>The longest any request may take: the store's timeout, and what a busy machine adds to it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(TimeoutSeconds + 2);

    /// <summary>Like every PostgreSQL test, skipped with the reason unless API_TEST_POSTGRES names a server, even where a cluster of its own could start.</summary>
    [SetUp]
    public void RequirePostgres() => StoreDatabase.PostgresServer();

    [Test]
    [Setting("Database:TimeoutSeconds")]
    public async Task When_postgresql_stops_under_load_items_are_503_at_once_and_everything_recovers_without_a_restart_keeping_every_acknowledged_write()
    {
        await using var server = await PrivatePostgres.StartAsync();
        using var api = await StartAsync(server);

        var run = await FaultRun.UnderLoadAsync(api, server.StopAsync, server.StartAgainAsync, outage: TimeSpan.FromSeconds(4));

        await run.AssertAsync();
    }

    [Test]
    [Setting("Database:TimeoutSeconds")]
    public async Task When_postgresql_stops_answering_under_load_items_are_503_within_the_timeout_and_everything_recovers_once_it_answers_again()
    {
        await using var server = await PrivatePostgres.StartAsync();
        using var api = await StartAsync(server);

        var run = await FaultRun.UnderLoadAsync(api, server.FreezeAsync, server.ThawAsync, outage: TimeSpan.FromSeconds(3 * TimeoutSeconds));

        await run.AssertAsync();
    }

    [TestCase(0, 503)]
    [TestCase(1, 200)]
    public async Task After_a_restart_of_postgresql_while_the_api_is_idle_the_first_item_request_is_503_unless_keepalive_found_the_dead_connections(int keepalive, int first)
    {
        await using var server = await PrivatePostgres.StartAsync();
        using var api = await StartAsync(server, keepalive);
        var target = $"/items/{ItemWriter.IdOf(await ItemWriter.AddAsync(api, "kept"))}";
        // Several connections in the pool, idle from now on.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.SendAsync(ApiRequest.Get(target))));

        await server.StopAsync();
        await server.StartAgainAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var answers = new List<int>();
        for (var i = 0; i < 3; i++) answers.Add((await api.SendAsync(ApiRequest.Get(target))).Status);

        Assert.That(answers, Is.EqualTo(new[] { first, 200, 200 }), "a stale connection fails once, and Npgsql then drops every idle one");
    }

    [Test]
    public async Task A_statement_waiting_on_a_lock_is_cancelled_on_the_server_after_the_timeout_whatever_command_timeout_the_connection_string_says()
    {
        var name = "items_lock_" + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(StoreDatabase.PostgresServer()) { Database = name, CommandTimeout = 60 }.ConnectionString;
        try
        {
            using var api = await ApiProcess.StartListeningAsync(
                ("Database__Provider", "Postgres"), ("ConnectionStrings__Items", connectionString), ("Database__TimeoutSeconds", "1"));
            await WarmAsync(api);
            var id = ItemWriter.IdOf(await ItemWriter.AddAsync(api, "locked"));
            await using var holder = new NpgsqlConnection(connectionString);
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM items WHERE id = {id} FOR UPDATE", holder, transaction))
            {
                await lockRow.ExecuteScalarAsync();
            }

            var stopwatch = Stopwatch.StartNew();
            var put = await api.SendAsync(ApiRequest.Json("PUT", $"/items/{id}", """{"name":"changed","price":2}"""));
            var answeredAfter = stopwatch.Elapsed;
            var waiting = -1L;
            while (stopwatch.Elapsed < TimeSpan.FromSeconds(10) && waiting != 0)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' AND wait_event_type = 'Lock'", holder);
                waiting = (long)(await count.ExecuteScalarAsync())!;
                if (waiting != 0) await Task.Delay(100);
            }

            var cancelledAfter = stopwatch.Elapsed;
            await transaction.RollbackAsync();

            ProblemAssert.IsProblem(put, 503);
            Assert.That(put.Headers.RetryAfter.ToString(), Is.Not.Empty);
            Assert.That(answeredAfter, Is.LessThan(TimeSpan.FromSeconds(3)), "answered after the 1 s timeout");
            Assert.That(waiting, Is.Zero, "the UPDATE no longer waits on the server: cancelled after 1 s, not the connection string's 60");
            Assert.That(cancelledAfter, Is.LessThan(TimeSpan.FromSeconds(10)));
            var item = await api.SendAsync(ApiRequest.Get($"/items/{id}"));
            Assert.That(((string?)item.Json!["name"], item.Headers.ETag.ToString()), Is.EqualTo(("locked", $"\"{id}.1\"")), "the lock's release did not let it through");
            TestContext.Out.WriteLine($"503 after {answeredAfter.TotalSeconds:0.00} s; the statement gone from the server after {cancelledAfter.TotalSeconds:0.00} s.");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(StoreDatabase.PostgresServer());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The API on the server's database <c>items</c>, warmed up; <paramref name="keepalive"/> 0 is Npgsql's default, none.</summary>
    private static async Task<ApiProcess> StartAsync(PrivatePostgres server, int keepalive = 0)
    {
        var api = await ApiProcess.StartListeningAsync(
            ("Database__Provider", "Postgres"),
            ("ConnectionStrings__Items", new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "items", KeepAlive = keepalive }.ConnectionString),
            ("Database__TimeoutSeconds", TimeoutSeconds.ToString(CultureInfo.InvariantCulture)));
        try
        {
            await WarmAsync(api);
            return api;
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Each item route once, until all succeed, then until /readyz is 200: a fresh process on a busy machine may spend
    /// longer than the store's timeout on its first write (the JIT, EF Core's first save), which these tests do not measure.
    /// </summary>
    private static async Task WarmAsync(ApiProcess api)
    {
        var since = Stopwatch.StartNew();
        while (!await RoundAsync())
        {
            Assert.That(since.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "the items' routes succeed within 60 s of the start");
        }

        while ((await api.SendAsync(ApiRequest.Get("/readyz"))).Status != 200)
        {
            Assert.That(since.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "/readyz is 200 within 60 s of the start");
            await Task.Delay(200);
        }

        async Task<bool> RoundAsync()
        {
            var created = await ItemWriter.AddAsync(api, "warm-up");
            if (created.Status != 201) return false;
            var target = $"/items/{ItemWriter.IdOf(created)}";
            return (await api.SendAsync(ApiRequest.Get(target))).Status == 200
                && (await api.SendAsync(ApiRequest.Json("PUT", target, """{"name":"warm-up","price":2}""").With("If-Match", created.Headers.ETag.ToString()))).Status == 200
                && (await api.SendAsync(ApiRequest.Get("/items?limit=1"))).Status == 200
                && (await api.SendAsync(new ApiRequest("DELETE", target))).Status == 204;
        }
    }

    /// <summary>An item as its client last had it acknowledged.</summary>
    private sealed record Known(long Id, string Name, decimal Price, long Version);

    /// <summary>One request and its answer; none when no whole answer came before the client's timeout.</summary>
    private sealed record Exchange(string Kind, ApiRequest Request, TimeSpan Start, TimeSpan Duration, ApiResponse? Response);

    /// <summary>
    /// The load, the fault between two instants, and what came of it. Six item clients, each on items of its own (so that
    /// the final state of each is known): creates, reads, PUTs with If-Match, DELETEs with If-Match. One client on the
    /// tutorial's GET / and POST /exemple; one polling /readyz and /healthz every 100 ms.
    /// </summary>
    private sealed class FaultRun
    {
        private const int ItemClients = 6;
        private static readonly TimeSpan ClientTimeout = Bound + TimeSpan.FromSeconds(10);

        private readonly ApiProcess _api;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ConcurrentQueue<Exchange> _exchanges = new();
        private readonly ConcurrentQueue<string> _surprises = new();
        private readonly ConcurrentDictionary<long, Known?> _acknowledged = new();
        private readonly ConcurrentDictionary<long, (Known? Before, Known? Attempted)> _unacknowledged = new();
        private volatile bool _stopping;

        private FaultRun(ApiProcess api) => _api = api;

        private TimeSpan FaultBegan { get; set; }

        /// <summary>How many lines the API had written when the fault began.</summary>
        private int LinesBefore { get; set; }

        private TimeSpan FaultEnded { get; set; }

        public static async Task<FaultRun> UnderLoadAsync(ApiProcess api, Func<Task> fault, Func<Task> repair, TimeSpan outage)
        {
            var run = new FaultRun(api);
            var clients = Enumerable.Range(0, ItemClients).Select(run.ItemClientAsync)
                .Append(run.TutorialClientAsync()).Append(run.ProbesAsync()).ToList();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                run.FaultBegan = run._clock.Elapsed;
                run.LinesBefore = api.Output.Count;
                await fault();
                await Task.Delay(outage);
                await repair();
                run.FaultEnded = run._clock.Elapsed;
                // Long enough for readiness to forget the last failure, and for writes to go on after it.
                await Task.Delay(ItemStoreHealth.Window + TimeSpan.FromSeconds(3));
            }
            finally
            {
                run._stopping = true;
                await Task.WhenAll(clients);
            }

            return run;
        }

        public async Task AssertAsync()
        {
            var exchanges = _exchanges.OrderBy(e => e.Start).ToList();
            var items = exchanges.Where(e => e.Kind == "items").ToList();
            var answered = exchanges.Where(e => e.Response is not null).ToList();
            var unavailable = items.Where(e => e.Response?.Status == 503).ToList();
            var readiness = exchanges.Where(e => e.Kind == "readyz" && e.Response is not null).ToList();
            var writesAfter = items.Where(e => e.Start >= FaultEnded && e.Request.Method == "POST" && e.Response?.Status == 201).ToList();
            var firstUnavailable = unavailable.FirstOrDefault(e => e.Start >= FaultBegan);
            var firstNotReady = readiness.FirstOrDefault(e => e.Start >= FaultBegan && e.Response!.Status == 503);
            var lastNotReady = readiness.LastOrDefault(e => e.Response!.Status != 200);
            var readyAgain = readiness.FirstOrDefault(e => e.Start > lastNotReady?.Start);
            Report(exchanges, items, firstUnavailable, firstNotReady, readyAgain, writesAfter);

            Assert.That(exchanges.Where(e => e.Response is null).Select(Describe), Is.Empty, "no request hangs: each has its whole answer within the client's timeout");
            Assert.That(answered.Where(e => e.Response!.Status >= 500 && e.Response.Status != 503).Select(Describe), Is.Empty, "no 500, nor any 5xx but 503");
            Assert.That(answered.SelectMany(e => OpenApiContract.Violations(e.Request.Method, e.Request.Target, e.Response!)), Is.Empty);
            Assert.That(_surprises, Is.Empty, "each answer is one its request may get, and each read shows the last acknowledged write");
            Assert.That(unavailable, Is.Not.Empty, "the fault reached the item requests");
            foreach (var e in unavailable)
            {
                Assert.That((e.Response!.ContentType, int.TryParse(e.Response.Headers.RetryAfter, out var seconds) && seconds >= 1), Is.EqualTo(("application/problem+json", true)), Describe(e));
            }

            Assert.That(exchanges.Where(e => e.Duration > Bound).Select(Describe), Is.Empty, $"no request takes more than {Bound.TotalSeconds} s, the store's timeout of {TimeoutSeconds} s and a margin");
            Assert.That(exchanges.Where(e => e.Kind is "tutorial" or "healthz" && e.Response?.Status != 200).Select(Describe), Is.Empty, "GET /, POST /exemple and /healthz answer 200 throughout");
            Assert.That(firstUnavailable!.Start + firstUnavailable.Duration - FaultBegan, Is.LessThanOrEqualTo(Bound), "the first item 503 after the fault began");
            Assert.That(firstNotReady, Is.Not.Null, "/readyz turns 503");
            Assert.That(firstNotReady!.Start + firstNotReady.Duration - FaultBegan, Is.LessThanOrEqualTo(Bound), "/readyz turns 503 within the bound");
            Assert.That(
                readiness.Where(e => e.Start >= FaultBegan + Bound && e.Start + e.Duration <= FaultEnded && e.Response!.Status != 503).Select(Describe),
                Is.Empty,
                "/readyz stays 503 while the server is down");
            Assert.That(readyAgain, Is.Not.Null, "/readyz is 200 again");
            Assert.That(readyAgain!.Start + readyAgain.Duration - FaultEnded, Is.LessThanOrEqualTo(ItemStoreHealth.Window + Bound), "/readyz is 200 again, and stays so, within the bound");
            Assert.That(writesAfter, Is.Not.Empty, "writes succeed again once the server is back");
            Assert.That(writesAfter[0].Start + writesAfter[0].Duration - FaultEnded, Is.LessThanOrEqualTo(Bound), "the first write after the fault");
            Assert.That(_api.HasExited, Is.False, "the API was not restarted");

            await AssertAcknowledgedWritesAsync();

            var logged = _api.Output;
            Assert.That(logged.Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)), Is.Empty, "nothing logged as an error");
            Assert.That(logged.Skip(LinesBefore).Count(line => line.StartsWith("warn: Api.Features.Items.ItemStoreHealth", StringComparison.Ordinal)), Is.EqualTo(1), "one warning when the outage began");
        }

        /// <summary>Every 201, 200 and 204 is in the final state: items with the fields and version last acknowledged, deleted ones gone.</summary>
        private async Task AssertAcknowledgedWritesAsync()
        {
            Assert.That(_acknowledged, Is.Not.Empty);
            foreach (var (id, expected) in _acknowledged)
            {
                Assert.That(Describe(await ReadAsync(id)), Is.EqualTo(Describe(expected)), $"item {id}, acknowledged");
            }

            // A write answered 503 may or may not have been made: either state, never another.
            foreach (var (id, (before, attempted)) in _unacknowledged)
            {
                Assert.That(Describe(await ReadAsync(id)), Is.AnyOf(Describe(before), Describe(attempted)), $"item {id}, written without an acknowledgement");
            }

            TestContext.Out.WriteLine($"Read back: {_acknowledged.Count(a => a.Value is not null)} items as last acknowledged, {_acknowledged.Count(a => a.Value is null)} deleted, {_unacknowledged.Count} either way.");
        }

        private async Task<Known?> ReadAsync(long id)
        {
            var answer = await _api.SendAsync(ApiRequest.Get($"/items/{id}"));
            Assert.That(answer.Status, Is.AnyOf(200, 404), $"GET /items/{id}");
            return answer.Status == 200 ? KnownFrom(answer) : null;
        }

        private void Report(List<Exchange> exchanges, List<Exchange> items, Exchange? firstUnavailable, Exchange? firstNotReady, Exchange? readyAgain, List<Exchange> writesAfter)
        {
            var output = TestContext.Out;
            output.WriteLine($"Fault from {Seconds(FaultBegan)} s to {Seconds(FaultEnded)} s (server back); the load ran {Seconds(_clock.Elapsed)} s.");
            output.WriteLine("| requests | status | count | longest (s) |");
            output.WriteLine("|---|---:|---:|---:|");
            foreach (var group in exchanges.GroupBy(e => (e.Kind, e.Response?.Status)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Status))
            {
                output.WriteLine($"| {group.Key.Kind} | {group.Key.Status?.ToString(CultureInfo.InvariantCulture) ?? "none (hang)"} | {group.Count()} | {Seconds(group.Max(e => e.Duration))} |");
            }

            var during = items.Where(e => e.Start >= FaultBegan && e.Start < FaultEnded).ToList();
            output.WriteLine($"Item requests during the fault: {during.Count}, longest {(during.Count == 0 ? "-" : Seconds(during.Max(e => e.Duration)))} s.");
            output.WriteLine($"First item 503 answered {After(firstUnavailable, FaultBegan)} s after the fault began; /readyz 503 {After(firstNotReady, FaultBegan)} s after.");
            output.WriteLine($"Once the server was back: the first write answered 201 {After(writesAfter.FirstOrDefault(), FaultEnded)} s after; /readyz 200 for good {After(readyAgain, FaultEnded)} s after.");
        }

        private static string After(Exchange? exchange, TimeSpan since) => exchange is null ? "never" : Seconds(exchange.Start + exchange.Duration - since);

        private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

        private static string Describe(Exchange e) =>
            $"{e.Kind} {e.Request.Method} {e.Request.Target} at {Seconds(e.Start)} s: {e.Response?.Status.ToString(CultureInfo.InvariantCulture) ?? "no answer"} after {Seconds(e.Duration)} s";

        private static string Describe(Known? item) => item is null ? "(none)" : $"{item.Id} {item.Name} {item.Price.ToString("0.00", CultureInfo.InvariantCulture)} version {item.Version}";

        private static Known KnownFrom(ApiResponse answer)
        {
            var json = answer.Json!;
            var etag = answer.Headers.ETag.ToString().Trim('"').Split('.');
            return new((long)json["id"]!, (string)json["name"]!, (decimal)json["price"]!, long.Parse(etag[1], CultureInfo.InvariantCulture));
        }

        private async Task<ApiResponse?> SendAsync(string kind, ApiRequest request)
        {
            var start = _clock.Elapsed;
            var exchange = await RawHttp.ExchangeAsync(_api.Port, RawHttp.Format(request), ClientTimeout);
            var answers = exchange.Closed ? RawHttp.Parse(exchange.Received, _ => false) : [];
            var answer = answers.Count == 1 ? answers[0] : null;
            _exchanges.Enqueue(new(kind, request, start, _clock.Elapsed - start, answer));
            return answer;
        }

        private void Surprise(string what, ApiRequest request, ApiResponse answer) =>
            _surprises.Enqueue($"{request.Method} {request.Target}: {what} ({answer.Status} {answer.Text})");

        private async Task ItemClientAsync(int client)
        {
            var mine = new List<Known>();
            var random = new Random(client);
            for (var step = 0; !_stopping; step++)
            {
                var pick = mine.Count == 0 ? -1 : random.Next(mine.Count);
                var name = $"client {client} step {step}";
                var price = client + (step / 100m);
                switch (pick < 0 ? 0 : step % 6)
                {
                    case 0 or 3:
                        await CreateAsync(mine, name, price);
                        break;
                    case 1 or 4:
                        await ReadAsync(mine[pick]);
                        break;
                    case 2:
                        await ReplaceAsync(mine, pick, name, price);
                        break;
                    default:
                        await DeleteAsync(mine, pick);
                        break;
                }

                await Task.Delay(10);
            }
        }

        private async Task CreateAsync(List<Known> mine, string name, decimal price)
        {
            var request = ApiRequest.Json("POST", "/items", new JsonObject { ["name"] = name, ["price"] = price }.ToJsonString());
            if (await SendAsync("items", request) is not { } answer) return;
            if (answer.Status == 201)
            {
                var created = KnownFrom(answer);
                if (created != created with { Name = name, Price = price, Version = 1 }) Surprise("created otherwise", request, answer);
                mine.Add(created);
                _acknowledged[created.Id] = created;
            }
            else if (answer.Status != 503)
            {
                Surprise("neither 201 nor 503", request, answer);
            }
        }

        private async Task ReadAsync(Known item)
        {
            var request = ApiRequest.Get($"/items/{item.Id}");
            if (await SendAsync("items", request) is not { } answer) return;
            if (answer.Status == 200)
            {
                if (KnownFrom(answer) != item) Surprise($"not the last acknowledged {Describe(item)}", request, answer);
            }
            else if (answer.Status != 503)
            {
                Surprise("neither 200 nor 503", request, answer);
            }
        }

        private async Task ReplaceAsync(List<Known> mine, int pick, string name, decimal price)
        {
            var item = mine[pick];
            var attempted = new Known(item.Id, name, price, item.Version + 1);
            var request = ApiRequest.Json("PUT", $"/items/{item.Id}", new JsonObject { ["name"] = name, ["price"] = price }.ToJsonString())
                .With("If-Match", $"\"{item.Id}.{item.Version}\"");
            var answer = await SendAsync("items", request);
            if (answer?.Status == 200)
            {
                if (KnownFrom(answer) != attempted) Surprise($"replaced otherwise than {Describe(attempted)}", request, answer);
                mine[pick] = attempted;
                _acknowledged[item.Id] = attempted;
                return;
            }

            if (answer is not null && answer.Status != 503) Surprise("neither 200 nor 503", request, answer);
            Abandon(mine, pick, attempted);
        }

        private async Task DeleteAsync(List<Known> mine, int pick)
        {
            var item = mine[pick];
            var request = new ApiRequest("DELETE", $"/items/{item.Id}").With("If-Match", $"\"{item.Id}.{item.Version}\"");
            var answer = await SendAsync("items", request);
            if (answer?.Status == 204)
            {
                mine.RemoveAt(pick);
                _acknowledged[item.Id] = null;
                return;
            }

            if (answer is not null && answer.Status != 503) Surprise("neither 204 nor 503", request, answer);
            Abandon(mine, pick, null);
        }

        /// <summary>A write without an acknowledgement leaves its item in one of two states: the client leaves it alone from then on.</summary>
        private void Abandon(List<Known> mine, int pick, Known? attempted)
        {
            var item = mine[pick];
            mine.RemoveAt(pick);
            _acknowledged.TryRemove(item.Id, out _);
            _unacknowledged[item.Id] = (item, attempted);
        }

        private async Task TutorialClientAsync()
        {
            while (!_stopping)
            {
                if (await SendAsync("tutorial", ApiRequest.Get("/")) is { Status: 200 } hello && hello.Text != "Hello World") Surprise("not Hello World", ApiRequest.Get("/"), hello);
                var form = ApiRequest.Form("/exemple", "param1=jeej");
                if (await SendAsync("tutorial", form) is { Status: 200 } exemple && exemple.Text != """{"return1":"jeejAAA"}""") Surprise("not jeejAAA", form, exemple);
                await Task.Delay(50);
            }
        }

        private async Task ProbesAsync()
        {
            while (!_stopping)
            {
                await SendAsync("readyz", ApiRequest.Get("/readyz"));
                await SendAsync("healthz", ApiRequest.Get("/healthz"));
                await Task.Delay(100);
            }
        }
    }
}
