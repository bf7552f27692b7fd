namespace Api.Tests.RealServer;

/// <summary>
/// The limits of the settings table (docs/settings.md) at their defaults, on the real process started with none of
/// them set: a request just within each that is served, and one just beyond it that is refused.
/// </summary>
[NonParallelizable]
public sealed class DefaultLimitsTests : ApiProcessTestBase
{
    // RawHttp sends "Host: localhost" and "Connection: close" with every request.
    private const int SentHeaders = 2;
    private const int SentHeaderBytes = 17 + 19;

    [Test]
    public async Task A_body_of_one_mebibyte_is_read_and_one_byte_more_is_413()
    {
        static ApiRequest Post(int bytes) => ApiRequest.Form("/exemple", "param1=" + new string('a', bytes - 7));

        var within = await Server.SendAsync(Post(1_048_576));
        var beyond = await Server.SendAsync(Post(1_048_577));

        Assert.That(within.Status, Is.EqualTo(200));
        ProblemAssert.IsProblem(beyond, 413);
        Assert.That((string?)beyond.Json!["detail"], Does.Contain("1048576 bytes"));
    }

    [Test]
    public async Task A_form_of_1000_fields_is_read_and_1001_is_413()
    {
        static ApiRequest Post(int fields) => ApiRequest.Form("/test", string.Join('&', Enumerable.Range(0, fields).Select(i => $"f{i}=1")));

        Assert.That((await Server.SendAsync(Post(1000))).Json!.AsObject(), Has.Count.EqualTo(1000));
        ProblemAssert.IsProblem(await Server.SendAsync(Post(1001)), 413);
    }

    [Test]
    public async Task A_form_key_of_2048_bytes_is_read_and_2049_is_413()
    {
        Assert.That((await Server.SendAsync(ApiRequest.Form("/test", new string('k', 2048) + "=1"))).Status, Is.EqualTo(200));
        ProblemAssert.IsProblem(await Server.SendAsync(ApiRequest.Form("/test", new string('k', 2049) + "=1")), 413);
    }

    [Test]
    public async Task A_request_line_of_8192_bytes_is_served_and_one_byte_more_is_414()
    {
        // "GET /test/{id} HTTP/1.1" and its line end: 21 bytes around the id.
        Assert.That((await Server.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 8192 - 21)))).Status, Is.EqualTo(200));
        Assert.That((await Server.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 8193 - 21)))).Status, Is.EqualTo(414));
    }

    [Test]
    public async Task A_header_block_of_32768_bytes_is_served_and_one_byte_more_is_431()
    {
        // Each header line counts with its line end: "X-Padding: " and CRLF are 13 bytes around the value.
        static ApiRequest WithHeaderBlock(int bytes) => ApiRequest.Get("/") with { Headers = [new("X-Padding", new string('a', bytes - SentHeaderBytes - 13))] };

        Assert.That((await Server.SendUncheckedAsync(WithHeaderBlock(32_768))).Status, Is.EqualTo(200));
        Assert.That((await Server.SendUncheckedAsync(WithHeaderBlock(32_769))).Status, Is.EqualTo(431));
    }

    [Test]
    public async Task A_request_of_100_headers_is_served_and_101_is_431()
    {
        static ApiRequest WithHeaders(int count) =>
            ApiRequest.Get("/") with { Headers = [.. Enumerable.Range(0, count - SentHeaders).Select(i => KeyValuePair.Create($"X-{i}", "1"))] };

        Assert.That((await Server.SendUncheckedAsync(WithHeaders(100))).Status, Is.EqualTo(200));
        Assert.That((await Server.SendUncheckedAsync(WithHeaders(101))).Status, Is.EqualTo(431));
    }

    // The fixed window's limiter gives a refused request the whole window as its Retry-After.
    [Test]
    public async Task Once_the_rate_limiter_is_on_its_permits_come_back_each_minute()
    {
        using var limited = await ApiProcess.StartListeningAsync(("RateLimiting__PermitLimit", "1"));

        Assert.That((await limited.GetAsync("/")).Status, Is.EqualTo(200));
        var refused = await limited.GetAsync("/");

        ProblemAssert.IsProblem(refused, 429);
        Assert.That(refused.Headers.RetryAfter.ToString(), Is.EqualTo("60"));
    }
}
