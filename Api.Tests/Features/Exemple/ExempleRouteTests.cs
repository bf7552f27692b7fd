using System.Text;

namespace Api.Tests.Features.Exemple;

/// <summary><c>POST /exemple</c> read from multipart bodies at their edges (the tutorial's exchanges and the 400 without param1: Parity/ParityTests and the README's).</summary>
public sealed class ExempleRouteTests : ApiTestBase
{
    [Test]
    public async Task A_multipart_boundary_of_any_length_is_read_as_werkzeug_reads_it([Values(1, 70, 71, 4089, 5000)] int length)
    {
        var boundary = new string('b', length);
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"param1\"\r\n\r\nhi\r\n--{boundary}--\r\n";

        var response = await SendAsync(new ApiRequest("POST", "/exemple").WithBody(Encoding.ASCII.GetBytes(body), $"multipart/form-data; boundary={boundary}"));

        Assert.That(response.Text, Is.EqualTo("""{"return1":"hiAAA"}"""));
    }

    [TestCase(20, 10)]
    [TestCase(1, 16 * 1024)]
    [TestCase(1, 32 * 1024 - 100)]
    public async Task A_part_with_many_or_long_header_lines_is_read_with_the_others(int lines, int lineBytes)
    {
        var response = await SendAsync(MultipartWithHeaders(lines, lineBytes));

        Assert.That(response.Text, Is.EqualTo("""{"return1":"hiAAA"}"""));
    }

    [TestCase(5000, 10)]
    [TestCase(1, 100 * 1024)]
    public async Task Part_headers_beyond_32_KiB_are_413_naming_the_limit(int lines, int lineBytes)
    {
        var response = await SendAsync(MultipartWithHeaders(lines, lineBytes));

        ProblemAssert.IsProblem(response, 413);
        Assert.That((string?)response.Json!["detail"], Does.Contain("longer than 32768 bytes"));
    }

    [TestCase(1024, 0, 200)]
    [TestCase(40 * 1024, 0, 413)]
    [TestCase(0, 1024, 200)]
    [TestCase(0, 40 * 1024, 413)]
    public async Task Text_before_the_first_part_and_after_the_last_may_take_32_KiB(int preamble, int epilogue, int status)
    {
        var body = new string('p', preamble) + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"param1\"\r\n\r\nhi\r\n--XyZ--\r\n" + new string('e', epilogue);

        var response = await SendAsync(new ApiRequest("POST", "/exemple").WithBody(Encoding.ASCII.GetBytes(body), "multipart/form-data; boundary=XyZ"));

        Assert.That(response.Status, Is.EqualTo(status));
    }

    /// <summary>A field whose part has <paramref name="lines"/> extra header lines of about <paramref name="lineBytes"/> bytes, then param1.</summary>
    private static ApiRequest MultipartWithHeaders(int lines, int lineBytes)
    {
        var headers = string.Concat(Enumerable.Range(0, lines).Select(i => $"X-Header-{i}: {new string('a', lineBytes)}\r\n"));
        var body = $"--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n{headers}\r\nx\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"param1\"\r\n\r\nhi\r\n--XyZ--\r\n";
        return new ApiRequest("POST", "/exemple").WithBody(Encoding.ASCII.GetBytes(body), "multipart/form-data; boundary=XyZ");
    }
}
