namespace Api.Tests.Features.Hello;

public sealed class RootRouteTests : ApiTestBase
{
    [Test]
    public async Task Get_root_answers_hello_world_as_plain_text()
    {
        var response = await GetAsync("/");

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Text, Is.EqualTo("Hello World"));
        Assert.That(response.ContentType, Is.EqualTo("text/plain; charset=utf-8"));
        Assert.That(response.ContentLength, Is.EqualTo(11));
    }
}
