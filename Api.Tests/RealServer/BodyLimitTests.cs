using System.Text;

namespace Api.Tests.RealServer;

/// <summary>
/// The body size and time limits, which Kestrel enforces (the in-memory server has none): 413 with
/// one wording whether or not the length is declared, 408 for a body that stops coming.
/// </summary>
[NonParallelizable]
public sealed class BodyLimitTests : ApiProcessTestBase
{
    protected override Task<ApiProcess> StartAsync() =>
        ApiProcess.StartListeningAsync(("Limits__MaxBodyBytes", "1024"), ("Limits__RequestTimeout", "00:00:02"));

    private static ApiRequest Post(string path, string contentType, int bytes, bool chunked) =>
        new ApiRequest("POST", path).WithBody(Encoding.UTF8.GetBytes("param1=" + new string('a', bytes - 7)), contentType) with { Chunked = chunked };

    [TestCase("application/x-www-form-urlencoded", "/exemple")]
    [TestCase("application/x-www-form-urlencoded", "/test")]
    [TestCase("multipart/form-data; boundary=XyZ", "/test")]
    [Setting("Limits:MaxBodyBytes")]
    public async Task A_body_beyond_the_limit_is_413_in_the_same_words_with_or_without_content_length(string contentType, string path)
    {
        var declared = await Server.SendAsync(Post(path, contentType, 2000, chunked: false));
        var chunked = await Server.SendAsync(Post(path, contentType, 2000, chunked: true));

        ProblemAssert.IsProblem(declared, 413);
        ProblemAssert.IsProblem(chunked, 413);
        Assert.That((string?)declared.Json!["detail"], Does.Contain("1024 bytes"));
        Assert.That((string?)chunked.Json!["detail"], Is.EqualTo((string?)declared.Json!["detail"]));
    }

    // Kestrel counts a chunked body's framing (chunk sizes, line ends) against the limit too.
    [TestCase(1024, false)]
    [TestCase(1007, true)]
    public async Task A_body_within_the_limit_is_read(int bytes, bool chunked)
    {
        var response = await Server.SendAsync(Post("/exemple", "application/x-www-form-urlencoded", bytes, chunked));

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Text, Is.EqualTo($$"""{"return1":"{{new string('a', bytes - 7)}}AAA"}"""));
    }

    [Test]
    public async Task A_body_on_a_route_that_reads_none_is_ignored()
    {
        var response = await Server.SendAsync(ApiRequest.Get("/").WithBody(new byte[64 * 1024], "application/octet-stream"));

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Text, Is.EqualTo("Hello World"));
    }

    [Test]
    [Setting("Limits:RequestTimeout")]
    public async Task A_request_whose_body_outlasts_the_request_timeout_is_408()
    {
        var head = "POST /test HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\na=1";

        var exchange = await RawHttp.ExchangeAsync(Server.Port, Encoding.ASCII.GetBytes(head), TimeSpan.FromSeconds(20));
        Assert.That(exchange.Closed, Is.True);

        var response = RawHttp.Parse(exchange.Received, _ => false).Single();
        ProblemAssert.IsProblem(response, 408);
    }

    [Test]
    public async Task A_client_that_closes_its_side_mid_body_gets_no_answer_and_the_server_carries_on()
    {
        var head = "POST /test HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\na=1";

        var exchange = await RawHttp.ExchangeAsync(Server.Port, Encoding.ASCII.GetBytes(head), TimeSpan.FromSeconds(20), closeSending: true);

        Assert.That(exchange.Closed, Is.True);
        Assert.That(exchange.Received, Is.Empty);
        Assert.That((await Server.GetAsync("/")).Status, Is.EqualTo(200));
    }
}
