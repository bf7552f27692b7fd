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

    [Test]
    public async Task The_query_string_is_never_merged()
    {
        var response = await PostFormAsync("/test?q=1&a=9", "a=1");

        Assert.That(response.Text, Is.EqualTo("""{"a":"1"}"""));
    }

    [Test]
    public async Task Multipart_text_fields_are_echoed_and_files_left_out()
    {
        using var content = new MultipartFormDataContent("XyZ")
        {
            { new StringContent("1"), "a" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("file body")), "upload", "f.txt" },
            { new StringContent("é"), "b" },
        };

        Assert.That(await EchoAsync(ApiRequest.Post("/test", content)), Is.EqualTo("""{"a":"1","b":"é"}"""));
    }

    [TestCase("application/json", """{"a":"1"}""")]
    [TestCase("application/xml", "<a>1</a>")]
    [TestCase("text/plain", "a=1")]
    [TestCase(null, "a=1")]
    [TestCase("x;;;==", "a=1")]
    [TestCase("multipart/form-data", "a=1")]
    [TestCase("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated")]
    public async Task Any_body_that_is_not_a_form_gives_an_empty_object_not_an_error(string? contentType, string body) =>
        Assert.That(await EchoAsync(new ApiRequest("POST", "/test").WithBody(Encoding.UTF8.GetBytes(body), contentType)), Is.EqualTo("{}"));

    [Test]
    public async Task No_body_gives_an_empty_object() => Assert.That(await EchoAsync(new ApiRequest("POST", "/test")), Is.EqualTo("{}"));
}
