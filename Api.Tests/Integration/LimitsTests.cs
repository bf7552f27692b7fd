using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Api.Tests.Integration;

/// <summary>Each limit answers its 4xx problem, never 5xx, and is set from configuration.</summary>
public sealed class LimitsTests : ApiTestBase
{
    private static async Task<ApiResponse> SendAsync(WebApplicationFactory<Program> factory, string method, string path, Stream? body, string? contentType, long? contentLength)
    {
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = method;
            http.Request.Path = path;
            http.Request.ContentType = contentType;
            http.Request.ContentLength = contentLength;
            if (body is not null)
            {
                http.Request.Body = body;
            }
        });
        return await ApiResponse.ReadAsync(context);
    }

    private WebApplicationFactory<Program> Limited(params (string, string)[] settings) => ConfiguredApi.With(Factory, settings);

    [TestCase("application/x-www-form-urlencoded", "/exemple")]
    [TestCase("application/x-www-form-urlencoded", "/test")]
    [TestCase("multipart/form-data; boundary=XyZ", "/test")]
    public async Task A_body_beyond_the_limit_is_413_with_or_without_content_length(string contentType, string path)
    {
        using var factory = Limited(("Limits:MaxBodyBytes", "1024"));
        var body = Encoding.UTF8.GetBytes("param1=" + new string('a', 2000));

        var declared = await SendAsync(factory, "POST", path, new MemoryStream(body), contentType, body.Length);
        var chunked = await SendAsync(factory, "POST", path, new MemoryStream(body), contentType, null);

        ProblemAssert.IsProblem(declared, 413);
        ProblemAssert.IsProblem(chunked, 413);
        Assert.That((string?)chunked.Json!["detail"], Does.Contain("1024 bytes"));
    }

    [Test]
    public async Task A_body_within_the_limit_is_read()
    {
        using var factory = Limited(("Limits:MaxBodyBytes", "1024"));
        var body = Encoding.UTF8.GetBytes("param1=" + new string('a', 1000));

        var response = await SendAsync(factory, "POST", "/exemple", new MemoryStream(body), "application/x-www-form-urlencoded", null);

        Assert.That(response.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task The_default_body_limit_is_one_mebibyte()
    {
        var atLimit = Encoding.UTF8.GetBytes("a=" + new string('b', 1024 * 1024 - 2));
        var beyond = Encoding.UTF8.GetBytes("a=" + new string('b', 1024 * 1024 - 1));

        Assert.That((await SendAsync(Factory, "POST", "/test", new MemoryStream(atLimit), "application/x-www-form-urlencoded", null)).Status, Is.EqualTo(200));
        ProblemAssert.IsProblem(await SendAsync(Factory, "POST", "/test", new MemoryStream(beyond), "application/x-www-form-urlencoded", null), 413);
    }

    [Test]
    public async Task A_form_with_too_many_fields_is_413()
    {
        using var factory = Limited(("Limits:MaxFormFields", "3"));
        var urlencoded = Encoding.UTF8.GetBytes("a=1&b=2&c=3&d=4");
        var multipart = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 4).Select(i => $"--XyZ\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n")) + "--XyZ--\r\n");

        ProblemAssert.IsProblem(await SendAsync(factory, "POST", "/test", new MemoryStream(urlencoded), "application/x-www-form-urlencoded", urlencoded.Length), 413);
        ProblemAssert.IsProblem(await SendAsync(factory, "POST", "/test", new MemoryStream(multipart), "multipart/form-data; boundary=XyZ", multipart.Length), 413);
        Assert.That((await SendAsync(factory, "POST", "/test", new MemoryStream(Encoding.UTF8.GetBytes("a=1&b=2&c=3")), "application/x-www-form-urlencoded", null)).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task A_form_key_beyond_the_limit_is_413()
    {
        using var factory = Limited(("Limits:MaxFormKeyBytes", "8"));
        var body = Encoding.UTF8.GetBytes("aaaaaaaaa=1");

        var response = await SendAsync(factory, "POST", "/test", new MemoryStream(body), "application/x-www-form-urlencoded", body.Length);

        ProblemAssert.IsProblem(response, 413);
        Assert.That((string?)response.Json!["detail"], Does.Contain("8 bytes"));
    }

    [Test]
    public async Task A_request_that_outlasts_the_timeout_is_408()
    {
        using var factory = Limited(("Limits:RequestTimeout", "00:00:01"));

        var response = await SendAsync(factory, "POST", "/test", new NeverEndingStream(), "application/x-www-form-urlencoded", null);

        ProblemAssert.IsProblem(response, 408);
    }

    [Test]
    public async Task A_body_on_a_route_that_reads_none_is_ignored()
    {
        var response = await SendAsync(Factory, "GET", "/", new MemoryStream(new byte[2 * 1024 * 1024]), "application/octet-stream", 2 * 1024 * 1024);

        Assert.That(response.Status, Is.EqualTo(StatusCodes.Status200OK));
    }

    /// <summary>A client that starts a body and never finishes it.</summary>
    private sealed class NeverEndingStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
