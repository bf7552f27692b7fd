namespace Api.Tests.Features.Hello;

public sealed class RootRouteTests : ApiTestBase
{
    [Test]
    public async Task Get_root_answers_hello_world_as_plain_text()
    {
        var response = await GetAsync("/");

        Assert.That((response.Status, response.Text, response.ContentType, response.ContentLength), Is.EqualTo((200, "Hello World", "text/plain; charset=utf-8", (long?)11)));
    }
}
