using System.Text;

namespace Api.Tests.RealServer;

/// <summary>
/// Framing that a proxy in front and Kestrel could read differently, or that Kestrel reads without
/// the API being able to: a 4xx, never a 5xx nor a 200 for a body that was not read, and the
/// connection closed after it, so that the bytes that follow are never read as a request. Transfer
/// codings beside chunked and chunked alone: RawHttpFuzzTests over the wire, Server/StrictFramingTests for their words.
/// </summary>
[NonParallelizable]
public sealed class FramingTests : ApiProcessTestBase
{
    private const string Form = "Content-Type: application/x-www-form-urlencoded\r\n";
    private const string Next = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    /// <summary>Sends the request, then a GET on the same connection; returns every answer.</summary>
    private async Task<List<ApiResponse>> ExchangeThenGetAsync(string request)
    {
        var exchange = await RawHttp.ExchangeAsync(Server.Port, Encoding.Latin1.GetBytes(request + Next), TimeSpan.FromSeconds(20));
        Assert.That(exchange.Closed, Is.True, "the server answers and closes");
        return RawHttp.Parse(exchange.Received, _ => false);
    }

    private static void IsRefusedAndClosed(List<ApiResponse> answers, int status, bool fromApi)
    {
        Assert.That(answers, Has.Count.EqualTo(1), "one answer, then the connection closes: the GET after it is never read");
        if (fromApi)
        {
            ProblemAssert.IsProblem(answers[0], status);
        }
        else
        {
            Assert.That(answers[0].Status, Is.EqualTo(status));
            Assert.That(answers[0].Body, Is.Empty);
        }
    }

    [TestCase("/exemple", Form, "param1=x", "FFFFFFFFFFFFFFFFFFFF")]
    [TestCase("/exemple", Form, "param1=x", "80000000")]
    [TestCase("/test", Form, "a=1", "80000000")]
    [TestCase("/test", "Content-Type: multipart/form-data; boundary=XyZ\r\n", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n", "80000000")]
    public async Task A_chunk_size_that_overflows_is_400_problem_and_the_connection_closes(string path, string contentType, string body, string size)
    {
        var answers = await ExchangeThenGetAsync($"POST {path} HTTP/1.1\r\nHost: localhost\r\n{contentType}Transfer-Encoding: chunked\r\n\r\n{size}\r\n{body}\r\n0\r\n\r\n");

        IsRefusedAndClosed(answers, 400, fromApi: true);
        Assert.That((string?)answers[0].Json!["detail"], Is.EqualTo("The request body cannot be read: its framing is broken."));
    }

    [TestCase("zz\r\nparam1=x\r\n", "Bad chunk size data.")]
    [TestCase("8;a\nb\r\nparam1=x\r\n", "Bad chunk extension.")]
    [TestCase("8\r\nparam1=xyz\r\n", "Bad chunk suffix.")]
    public async Task Broken_chunking_on_a_route_that_reads_the_body_is_400_problem_from_theServer(string chunks, string detail)
    {
        var answers = await ExchangeThenGetAsync($"POST /exemple HTTP/1.1\r\nHost: localhost\r\n{Form}Transfer-Encoding: chunked\r\n\r\n{chunks}0\r\n\r\n");

        IsRefusedAndClosed(answers, 400, fromApi: true);
        Assert.That((string?)answers[0].Json!["detail"], Is.EqualTo(detail));
    }

    [Test]
    public async Task A_route_that_reads_no_body_answers_without_it_then_the_connection_closes()
    {
        var answers = await ExchangeThenGetAsync("GET /test/1 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");

        Assert.That(answers, Has.Count.EqualTo(1));
        Assert.That(answers[0].Text, Is.EqualTo("test 1"));
    }

    [TestCase("Content-Length: +3", "a=1")]
    [TestCase("Content-Length: -0", "a=1")]
    [TestCase("Content-Length: +0", "a=1")]
    [TestCase("Content-Length: 0x3", "a=1")]
    [TestCase("Content-Length: 3 3", "a=1")]
    [TestCase("Content-Length: 3\r\nContent-Length: 3", "a=1")]
    [TestCase("Transfer-Encoding: gzip", "3\r\na=1\r\n0\r\n\r\n")]
    [TestCase("Transfer-Encoding: chunked, gzip", "3\r\na=1\r\n0\r\n\r\n")]
    public async Task A_content_length_that_is_not_digits_alone_or_comes_twice_or_a_final_coding_other_than_chunked_is_kestrels_400_and_the_connection_closes(
        string framing, string body) =>
        IsRefusedAndClosed(await ExchangeThenGetAsync($"POST /test HTTP/1.1\r\nHost: localhost\r\n{Form}{framing}\r\n\r\n{body}"), 400, fromApi: false);

    [TestCase("3", "a=1", """{"a":"1"}""")]
    [TestCase("003", "a=1", """{"a":"1"}""")]
    [TestCase("0", "", "{}")]
    public async Task A_content_length_of_digits_is_read_and_the_connection_kept(string contentLength, string body, string fields)
    {
        var answers = await ExchangeThenGetAsync($"POST /test HTTP/1.1\r\nHost: localhost\r\n{Form}Content-Length: {contentLength}\r\n\r\n{body}");

        Assert.That(answers.Select(a => a.Status), Is.EqualTo(new[] { 200, 200 }));
        Assert.That(answers[0].Text, Is.EqualTo(fields));
        Assert.That(answers[1].Text, Is.EqualTo("Hello World"));
    }

    [TestCase("POST /test", "Connection: keep-alive\r\n")]
    [TestCase("POST /test", "")]
    [TestCase("GET /", "Connection: keep-alive\r\n")]
    public async Task An_http_1_0_request_with_transfer_encoding_is_400_problem_and_the_connection_closes(string request, string connection)
    {
        var answers = await ExchangeThenGetAsync($"{request} HTTP/1.0\r\nHost: localhost\r\n{Form}{connection}Transfer-Encoding: chunked\r\n\r\n3\r\na=1\r\n0\r\n\r\n");

        IsRefusedAndClosed(answers, 400, fromApi: true);
        Assert.That(answers[0].Headers.Connection.ToString(), Is.EqualTo("close"));
    }
}
