namespace Api.Tests.RealServer;

/// <summary>
/// The headers every answer the API writes carries on the wire: the security headers, the content security
/// policy outside <c>/docs</c>, and no <c>Server</c> header, which Kestrel adds unless told not to (the
/// in-memory server never does).
/// </summary>
[NonParallelizable]
public sealed class ResponseHeadersTests : ApiProcessTestBase
{
    [TestCase("GET", "/", 200)]
    [TestCase("HEAD", "/test/1", 200)]
    [TestCase("OPTIONS", "/exemple", 200)]
    [TestCase("POST", "/exemple", 400)]
    [TestCase("GET", "/nope", 404)]
    [TestCase("DELETE", "/test", 405)]
    [TestCase("GET", "/healthz", 200)]
    [TestCase("GET", "/metrics", 200)]
    [TestCase("GET", "/openapi/v1.json", 200)]
    public async Task Every_answer_carries_the_security_headers_and_no_server_header(string method, string target, int status)
    {
        var response = await Server.SendAsync(new ApiRequest(method, target));

        Assert.That(response.Status, Is.EqualTo(status));
        SecurityHeadersAssert.Carries(response);
    }

    // The docs page runs its own script, which that policy would block.
    [Test]
    public async Task The_docs_page_carries_the_security_headers_but_not_the_content_security_policy([Values("/docs/", "/docs/scalar.js")] string target)
    {
        var response = await Server.SendAsync(ApiRequest.Get(target));

        Assert.That(response.Status, Is.EqualTo(200));
        SecurityHeadersAssert.Carries(response, contentSecurityPolicy: false);
    }
}
