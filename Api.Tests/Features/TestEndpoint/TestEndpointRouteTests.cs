namespace Api.Tests.Features.TestEndpoint;

/// <summary><c>GET /test/{id_test}</c> beyond the tutorial's exchanges (Parity/ParityTests replays those).</summary>
public sealed class TestRouteTests : ApiTestBase
{
    [TestCase("multipart/form-data; boundary=XyZ", "not multipart")]
    [TestCase("application/x-www-form-urlencoded", "a=1")]
    public async Task A_get_reads_no_body_whatever_it_holds(string contentType, string body)
    {
        var response = await SendAsync(ApiRequest.Get("/test/42").WithBody(System.Text.Encoding.UTF8.GetBytes(body), contentType));

        Assert.That((response.Status, response.Text), Is.EqualTo((200, "test 42")));
    }
}
