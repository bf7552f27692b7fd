using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Api.Tests.RealServer;

/// <summary>
/// Kestrel's limits (<c>Kestrel:Limits</c>) and the form limits, set below their defaults from the environment and the
/// command line (from appsettings.json: StartupTests), hold on the wire: each a request just within the limit that is
/// served and one just beyond it that is refused.
/// </summary>
[NonParallelizable]
public sealed class ServerLimitsTests : ApiProcessTestBase
{
    protected override Task<ApiProcess> StartAsync() => ApiProcess.StartListeningAsync(
        [
            ("Kestrel__Limits__MaxRequestLineSize", "200"), ("Kestrel__Limits__MaxRequestHeadersTotalSize", "1024"),
            ("Kestrel__Limits__MaxRequestHeaderCount", "8"), ("Kestrel__Limits__RequestHeadersTimeout", "00:00:01"),
        ],
        ["--Kestrel:Limits:KeepAliveTimeout=00:00:01", "--Limits:MaxFormFields=3", "--Limits:MaxFormKeyBytes=8"]);

    [Test]
    [Setting("Kestrel:Limits:MaxRequestLineSize")]
    public async Task A_request_line_beyond_the_limit_is_414()
    {
        // "GET /test/xxx HTTP/1.1": 20 bytes around the id.
        Assert.That((await Server.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 170)))).Status, Is.EqualTo(200));
        Assert.That((await Server.SendUncheckedAsync(ApiRequest.Get("/test/" + new string('a', 190)))).Status, Is.EqualTo(414));
    }

    [Test]
    [Setting("Kestrel:Limits:MaxRequestHeadersTotalSize")]
    public async Task A_header_block_beyond_the_limit_is_431()
    {
        static ApiRequest WithHeader(int bytes) => ApiRequest.Get("/") with { Headers = [new("X-Padding", new string('a', bytes))] };

        Assert.That((await Server.SendUncheckedAsync(WithHeader(900))).Status, Is.EqualTo(200));
        Assert.That((await Server.SendUncheckedAsync(WithHeader(1100))).Status, Is.EqualTo(431));
    }

    [Test]
    [Setting("Kestrel:Limits:MaxRequestHeaderCount")]
    public async Task More_headers_than_the_limit_is_431()
    {
        // Host and Connection are sent too.
        static ApiRequest WithHeaders(int count) => ApiRequest.Get("/") with { Headers = [.. Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"X-{i}", "1"))] };

        Assert.That((await Server.SendUncheckedAsync(WithHeaders(6))).Status, Is.EqualTo(200));
        Assert.That((await Server.SendUncheckedAsync(WithHeaders(7))).Status, Is.EqualTo(431));
    }

    // Both at once: each takes Kestrel's heartbeat (1 s) to be noticed.
    [Test]
    [Setting("Kestrel:Limits:RequestHeadersTimeout")]
    [Setting("Kestrel:Limits:KeepAliveTimeout")]
    public async Task A_client_that_trickles_its_headers_gets_408_and_an_idle_connection_is_closed_once_their_timeouts_pass()
    {
        var elapsed = Stopwatch.StartNew();
        var (trickled, idle) = (await TrickleHeadersAsync(), await KeepIdleAsync());

        Assert.That(await trickled, Does.StartWith("HTTP/1.1 408 "));
        Assert.That(await idle, Does.StartWith("HTTP/1.1 200 ").And.EndWith("Hello World"));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the defaults wait 30 s and 130 s");
    }

    private async Task<Task<string>> TrickleHeadersAsync()
    {
        var client = await RawHttp.OpenAsync(Server.Port, "GET / HTTP/1.1\r\nHost: localhost\r\n");
        var stream = client.GetStream();
        return Trickle();

        async Task<string> Trickle()
        {
            using (client)
            {
                var answer = RawHttp.ReadUntilClosedAsync(stream, TimeSpan.FromSeconds(10));
                for (var i = 0; i < 10 && !answer.IsCompleted; i++)
                {
                    await Task.Delay(400);
                    await WriteIgnoringResetAsync(stream, Encoding.ASCII.GetBytes($"X-{i}: 1\r\n"));
                }

                return await answer;
            }
        }
    }

    private async Task<Task<string>> KeepIdleAsync()
    {
        var client = await RawHttp.OpenAsync(Server.Port, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        return Read();

        async Task<string> Read()
        {
            using (client)
            {
                return await RawHttp.ReadUntilClosedAsync(client.GetStream(), TimeSpan.FromSeconds(10));
            }
        }
    }

    [TestCase("a=1&b=2&c=3", "a=1&b=2&c=3&d=4")]
    [TestCase("aaaaaaaa=1", "aaaaaaaaa=1")]
    [Setting("Limits:MaxFormFields")]
    [Setting("Limits:MaxFormKeyBytes")]
    public async Task A_form_within_its_limits_is_read_and_one_beyond_them_is_413_in_the_same_words_with_or_without_content_length(string within, string body)
    {
        Assert.That((await Server.SendAsync(ApiRequest.Form("/test", within))).Status, Is.EqualTo(200));
        var declared = await Server.SendAsync(ApiRequest.Form("/test", body));
        var chunked = await Server.SendAsync(ApiRequest.Form("/test", body) with { Chunked = true });

        ProblemAssert.IsProblem(declared, 413);
        ProblemAssert.IsProblem(chunked, 413);
        Assert.That((string?)chunked.Json!["detail"], Is.EqualTo((string?)declared.Json!["detail"]));
    }

    private static async Task WriteIgnoringResetAsync(NetworkStream stream, byte[] bytes)
    {
        try
        {
            await stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            // The server has answered and closed.
        }
    }
}
