using System.Text;

namespace Api.Tests.Features.TestEndpoint;

/// <summary><c>POST /test</c>: the form's text fields as one JSON object, whatever the body.</summary>
public sealed class FormEchoTests : ApiTestBase
{
    private async Task<string> EchoAsync(ApiRequest request)
    {
        var response = await SendAsync(request);
        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.ContentType, Is.EqualTo("application/json"));
        Assert.That(response.ContentLength, Is.EqualTo(response.Body.Length));
        return response.Text;
    }

    [TestCase("param1=jeej", """{"param1":"jeej"}""")]
    [TestCase("b=2&a=1&c=3", """{"b":"2","a":"1","c":"3"}""")]
    [TestCase("a=1&a=2", """{"a":"1"}""")]
    [TestCase("a=1&A=2", """{"a":"1","A":"2"}""")]
    [TestCase("a=&b=", """{"a":"","b":""}""")]
    [TestCase("x+y=hello+world", """{"x y":"hello world"}""")]
    [TestCase("mot=caf%C3%A9", """{"mot":"café"}""")]
    [TestCase("mot=café", """{"mot":"café"}""")]
    [TestCase("flag", """{"flag":""}""")]
    public async Task Urlencoded_fields_are_echoed_first_value_first(string body, string expected) =>
        Assert.That(await EchoAsync(ApiRequest.Form("/test", body)), Is.EqualTo(expected));
}
