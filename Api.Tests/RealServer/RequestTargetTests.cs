using System.Globalization;
using System.Text;
using NUnit.Framework.Constraints;

namespace Api.Tests.RealServer;

/// <summary>
/// What only a real server sees: every request-target form of RFC 9112 §3.2, bytes Kestrel
/// refuses before the API runs, and a body that never arrives, on the default settings (broken chunking: FramingTests).
/// </summary>
[NonParallelizable]
public sealed class RequestTargetTests : ApiProcessTestBase
{
    private const string ServerMethods = "DELETE, GET, HEAD, OPTIONS, POST, PUT";

    /// <summary>Kestrel answered on its own, before the API ran: a status and no body.</summary>
    private static void IsKestrelsRefusal(ApiResponse response, IResolveConstraint status)
    {
        Assert.That(response.Status, status);
        Assert.That(response.Body, Is.Empty);
        Assert.That(response.IsFromApi, Is.False);
    }

    private async Task<ApiResponse> ExchangeAsync(string requestHead, string body = "")
    {
        var exchange = await RawHttp.ExchangeAsync(Server.Port, Encoding.Latin1.GetBytes(requestHead + "Connection: close\r\n\r\n" + body), TimeSpan.FromSeconds(20));
        Assert.That(exchange.Closed, Is.True, "the server answers and closes");
        return RawHttp.Parse(exchange.Received, _ => false).Single();
    }

    [Test]
    public async Task Options_asterisk_is_200_and_connect_to_an_authority_405_problem_each_with_every_method_the_server_takes()
    {
        var options = await ExchangeAsync("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n");
        var connect = await ExchangeAsync($"CONNECT localhost:{Server.Port} HTTP/1.1\r\nHost: localhost:{Server.Port}\r\n");

        Assert.That((options.Status, options.Allow, options.Body.Length, options.ContentLength), Is.EqualTo((200, ServerMethods, 0, (long?)0)));
        ProblemAssert.IsProblem(connect, 405);
        Assert.That(connect.Allow, Is.EqualTo(ServerMethods));
        Assert.That((string?)connect.Json!["detail"], Is.EqualTo($"The server does not accept CONNECT; it accepts {ServerMethods}."));
    }

    [TestCase("/test/1", 200, "test 1")]
    [TestCase("/test/caf%C3%A9?next=%2Fx", 200, "test café")]
    [TestCase("/convert/path/a%2Fb", 200, """{"converter":"path","value":"a/b"}""")]
    [TestCase("/test/a%2Fb", 404, null)]
    [TestCase("/Test/1", 404, null)]
    public async Task An_absolute_form_target_routes_as_its_path_would(string path, int status, string? body)
    {
        var response = await ExchangeAsync($"GET http://localhost:{Server.Port}{path} HTTP/1.1\r\nHost: localhost:{Server.Port}\r\n");
        var origin = await Server.GetAsync(path);

        Assert.That(response.Status, Is.EqualTo(status));
        Assert.That(origin.Status, Is.EqualTo(status));
        if (body is not null)
        {
            Assert.That(response.Text, Is.EqualTo(body));
        }
        else
        {
            ProblemAssert.IsProblem(response, status);
        }
    }

    // Flask redirects to the path with the empty segment merged; the API never rewrites a path.
    [Test]
    public async Task A_path_with_an_empty_segment_is_404_problem_and_never_redirected([Values("/test//abc", "//test/abc", "/convert/int//42")] string path)
    {
        var response = await ExchangeAsync($"GET {path} HTTP/1.1\r\nHost: localhost\r\n");

        ProblemAssert.IsProblem(response, 404);
        Assert.That(response.Headers.Location.Count, Is.Zero);
    }

    [TestCase("http://elsewhere.example/test/1", "localhost")]
    [TestCase("http://localhost:{0}/test/1", "other.example")]
    [TestCase("http://other.example:8080/test/1", "localhost:8080")]
    public async Task An_absolute_form_target_names_the_host_whatever_the_host_header_says(string target, string host)
    {
        var response = await ExchangeAsync($"GET {string.Format(CultureInfo.InvariantCulture, target, Server.Port)} HTTP/1.1\r\nHost: {host}\r\n");

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Text, Is.EqualTo("test 1"));
    }

    [Test]
    public async Task A_target_with_a_fragment_is_400_problem([Values("/test/a#frag", "/test/a?x=1#frag", "/#", "/test/%23#")] string target)
    {
        var response = await ExchangeAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\n");

        ProblemAssert.IsProblem(response, 400);
        Assert.That((string?)response.Json!["detail"], Is.EqualTo("The request target holds a '#': a fragment is never sent to a server."));
        Assert.That(response.Headers.Connection.ToString(), Is.EqualTo("close"));
    }

    // Kestrel serves these raw, and refuses only NUL. By their code: a test's name holding a control character
    // confuses test runners.
    [TestCase("/test/a{0}b", 0x01)]
    [TestCase("/test/a{0}b", 0x09)]
    [TestCase("/test/a{0}b", 0x0d)]
    [TestCase("/test/a{0}b", 0x1f)]
    [TestCase("/test/a{0}b", 0x7f)]
    [TestCase("/test/1?x={0}", 0x01)]
    public async Task A_target_with_a_raw_control_character_is_400_problem(string target, int character)
    {
        var response = await ExchangeAsync($"GET {string.Format(CultureInfo.InvariantCulture, target, (char)character)} HTTP/1.1\r\nHost: localhost\r\n");

        ProblemAssert.IsProblem(response, 400);
        Assert.That((string?)response.Json!["detail"], Is.EqualTo("The request target holds a control character: a client sends it percent-encoded."));
        Assert.That(response.Headers.Connection.ToString(), Is.EqualTo("close"));
    }

    [TestCase("/test/a%23frag", "test a#frag")]
    [TestCase("/test/a%01b", "test a\u0001b")]
    public async Task An_escaped_hash_or_control_character_is_part_of_the_path(string target, string text) =>
        Assert.That((await ExchangeAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\n")).Text, Is.EqualTo(text));

    [Test]
    public async Task A_target_kestrel_refuses_is_a_4xx_with_no_body(
        [Values("GET /test/a%00b HTTP/1.1", "GET /test/a\0b HTTP/1.1", "GET * HTTP/1.1", "GET localhost:80 HTTP/1.1")] string requestLine) =>
        IsKestrelsRefusal(await ExchangeAsync(requestLine + "\r\nHost: localhost\r\n"), Is.InRange(400, 499));

    [Test]
    public async Task A_header_kestrel_cannot_parse_is_400_with_no_body([Values("Bad Header: 1", "NoColon", "X-Folded: 1\r\n continued")] string header) =>
        IsKestrelsRefusal(await ExchangeAsync($"GET / HTTP/1.1\r\nHost: localhost\r\n{header}\r\n"), Is.EqualTo(400));

    // RFC 9110 §15.6.6: the one 5xx a client can cause.
    [Test]
    public async Task An_http_version_other_than_1_0_and_1_1_is_kestrels_505_with_no_body([Values("HTTP/1.2", "HTTP/2.0", "HTTP/3.0")] string version) =>
        IsKestrelsRefusal(await ExchangeAsync($"GET / {version}\r\nHost: localhost\r\n"), Is.EqualTo(505));

    [Test]
    public async Task Http_1_0_and_1_1_are_served([Values("HTTP/1.0", "HTTP/1.1")] string version) =>
        Assert.That((await ExchangeAsync($"GET /test/1 {version}\r\nHost: localhost\r\n")).Text, Is.EqualTo("test 1"));

    [Test]
    public async Task A_body_shorter_than_its_content_length_is_408_problem_once_the_client_stops_sending()
    {
        var response = await ExchangeAsync("POST /test HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n", "a=1");

        ProblemAssert.IsProblem(response, 408);
    }
}
