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

    /// <summary>Each limit: a request of a given size, the largest size served, and the status of one a unit larger.</summary>
    public static IEnumerable<TestCaseData> Limits()
    {
        TestCaseData Limit(string name, Func<int, ApiRequest> request, int limit, int status) => new TestCaseData(request, limit, status).SetName(name);

        yield return Limit("A body of one mebibyte is read and one byte more is 413", bytes => ApiRequest.Form("/exemple", "param1=" + new string('a', bytes - 7)), 1_048_576, 413);
        yield return Limit("A form of 1000 fields is read and 1001 is 413", fields => ApiRequest.Form("/test", string.Join('&', Enumerable.Range(0, fields).Select(i => $"f{i}=1"))), 1000, 413);
        yield return Limit("A form key of 2048 bytes is read and 2049 is 413", bytes => ApiRequest.Form("/test", new string('k', bytes) + "=1"), 2048, 413);

        // "GET /test/{id} HTTP/1.1" and its line end: 21 bytes around the id.
        yield return Limit("A request line of 8192 bytes is served and one byte more is 414", bytes => ApiRequest.Get("/test/" + new string('a', bytes - 21)), 8192, 414);

        // Each header line counts with its line end: "X-Padding: " and CRLF are 13 bytes around the value.
        yield return Limit(
            "A header block of 32768 bytes is served and one byte more is 431",
            bytes => ApiRequest.Get("/") with { Headers = [new("X-Padding", new string('a', bytes - SentHeaderBytes - 13))] },
            32_768,
            431);
        yield return Limit(
            "A request of 100 headers is served and 101 is 431",
            count => ApiRequest.Get("/") with { Headers = [.. Enumerable.Range(0, count - SentHeaders).Select(i => KeyValuePair.Create($"X-{i}", "1"))] },
            100,
            431);
    }

    // The API's refusals name the limit; Kestrel's have no body.
    [TestCaseSource(nameof(Limits))]
    public async Task A_request_at_its_limit_is_served_and_one_beyond_it_refused(Func<int, ApiRequest> request, int limit, int status)
    {
        var within = await Server.SendUncheckedAsync(request(limit));
        var beyond = await Server.SendUncheckedAsync(request(limit + 1));

        Assert.That((within.Status, beyond.Status), Is.EqualTo((200, status)));
        if (status == 413)
        {
            ProblemAssert.IsProblem(beyond, 413);
            Assert.That((string?)beyond.Json!["detail"], Does.Contain(limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

}
