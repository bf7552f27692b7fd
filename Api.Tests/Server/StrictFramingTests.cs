namespace Api.Tests.Server;

/// <summary>
/// Framing two parsers could read differently, refused in memory; over a socket, with Kestrel's own parsing and the
/// connection closed: RealServer/FramingTests (Content-Length as digits alone too), and RequestTargetTests for fragments,
/// control characters and absolute-form targets.
/// </summary>
public sealed class StrictFramingTests : ApiTestBase
{
    private static ApiRequest Chunked(string transferEncoding, string protocol = "HTTP/1.1") =>
        ApiRequest.Form("/test", "a=1") with { Chunked = true, Protocol = protocol, Headers = [new("Transfer-Encoding", transferEncoding)] };

    private async Task<ApiResponse> RefusedAsync(ApiRequest request)
    {
        var response = await Factory.SendUncheckedAsync(request);
        ProblemAssert.IsProblem(response, 400);
        Assert.That(response.Headers.Connection.ToString(), Is.EqualTo("close"));
        return response;
    }

    [Test]
    public async Task Transfer_encoding_in_http_1_0_is_400_problem_and_closes_the_connection() =>
        Assert.That(
            (string?)(await RefusedAsync(Chunked("chunked", "HTTP/1.0"))).Json!["detail"],
            Is.EqualTo("Transfer-Encoding is not HTTP/1.0: the framing of this request cannot be trusted."));

    [Test]
    public async Task A_transfer_coding_besides_chunked_is_400_problem_and_closes_the_connection([Values("gzip, chunked", "chunked, chunked")] string transferEncoding) =>
        Assert.That(
            (string?)(await RefusedAsync(Chunked(transferEncoding))).Json!["detail"],
            Is.EqualTo("Transfer-Encoding may only be chunked, once: the server decodes no other transfer coding."));

    [Test]
    public async Task Chunked_alone_is_read([Values("chunked", " Chunked ,")] string transferEncoding) =>
        Assert.That((await SendAsync(Chunked(transferEncoding))).Text, Is.EqualTo("""{"a":"1"}"""));

    [Test]
    public async Task The_characters_beside_the_control_ranges_are_not_refused([Values(0x20, 0x7e)] int character) =>
        Assert.That((await SendAsync(ApiRequest.Get($"/test/a{(char)character}b"))).Status, Is.EqualTo(200));
}
