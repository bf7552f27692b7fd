namespace Api.Tests.Features.TestEndpoint;

public sealed class TestRouteTests : ApiTestBase
{
    [Test]
    public async Task Get_test_answers_test_endpoint_get()
    {
        var response = await GetAsync("/test");

        Assert.That((response.Status, response.Text, response.ContentType), Is.EqualTo((200, "test_endpoint_get", "text/plain; charset=utf-8")));
    }

    [TestCase("multipart/form-data; boundary=XyZ", "not multipart")]
    [TestCase("application/x-www-form-urlencoded", "a=1")]
    public async Task A_get_reads_no_body_whatever_it_holds(string contentType, string body)
    {
        var response = await SendAsync(ApiRequest.Get("/test/42").WithBody(System.Text.Encoding.UTF8.GetBytes(body), contentType));

        Assert.That((response.Status, response.Text), Is.EqualTo((200, "test 42")));
    }

    [TestCase("/test/abc", "test abc")]
    [TestCase("/test/caf%C3%A9", "test café")]
    [TestCase("/test/a+b", "test a+b")]
    [TestCase("/test/%20", "test  ")]
    [TestCase("/test/%FF", "test \uFFFD")]
    [TestCase("/test/..", "test ..")]
    [TestCase("/test/-1", "test -1")]
    [TestCase("/test/abc?x=1", "test abc")]
    public async Task A_text_id_is_one_percent_decoded_segment(string path, string expected)
    {
        var response = await GetAsync(path);

        Assert.That((response.Status, response.Text), Is.EqualTo((200, expected)));
    }

    [TestCase("/test/42", "test 42")]
    [TestCase("/test/007", "test 7")]
    [TestCase("/test/%D9%A3", "test 3")]
    [TestCase("/test/99999999999999999999999", "test 99999999999999999999999")]
    public async Task An_all_digits_id_takes_the_int_route_and_answers_its_value(string path, string expected) =>
        Assert.That((await GetAsync(path)).Text, Is.EqualTo(expected));

    [Test]
    public async Task An_encoded_slash_splits_the_segment_so_no_route_matches() =>
        ProblemAssert.IsProblem(await GetAsync("/test/a%2Fb"), 404);
}
