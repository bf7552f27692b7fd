using System.Text;


namespace Api.Tests.Features.Exemple;

/// <summary><c>POST /exemple</c>: <c>{"return1": param1 + "AAA"}</c>, and 400 problem+json without param1.</summary>
public sealed class ExempleRouteTests : ApiTestBase
{
    [TestCase("param1=jeej", "jeejAAA")]
    [TestCase("param1=", "AAA")]
    [TestCase("param1=first&param1=second", "firstAAA")]
    [TestCase("x=1&param1=v", "vAAA")]
    [TestCase("param1=a+b%C3%A9", "a béAAA")]
    public async Task Param1_from_the_form_is_returned_with_AAA(string body, string expected)
    {
        var response = await PostFormAsync("/exemple", body);

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.ContentType, Is.EqualTo("application/json"));
        Assert.That((string?)response.Json!["return1"], Is.EqualTo(expected));
    }

    [Test]
    public async Task Param1_may_come_from_a_multipart_text_field()
    {
        using var content = new MultipartFormDataContent { { new StringContent("jeej"), "param1" } };

        var response = await SendAsync(ApiRequest.Post("/exemple", content));

        Assert.That(response.Text, Is.EqualTo("""{"return1":"jeejAAA"}"""));
    }

    [TestCase("Param1=x")]
    [TestCase("other=1")]
    [TestCase("")]
    public async Task A_missing_param1_is_a_validation_problem_keyed_by_the_sent_field_name(string body)
    {
        var response = await PostFormAsync("/exemple", body);

        ProblemAssert.IsProblem(response, 400);
        var errors = response.Json!["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "param1" }));
        Assert.That((string?)errors["param1"]![0], Is.EqualTo("The form field 'param1' is required."));
    }

    [Test]
    public async Task Param1_in_the_query_string_is_not_read() =>
        ProblemAssert.IsProblem(await PostFormAsync("/exemple?param1=q", "other=1"), 400);

    [Test]
    public async Task A_file_part_named_param1_is_not_a_field()
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("x")), "param1", "p.txt" } };

        ProblemAssert.IsProblem(await SendAsync(ApiRequest.Post("/exemple", content)), 400);
    }

    [Test]
    public async Task A_json_body_is_not_a_form() =>
        ProblemAssert.IsProblem(await SendAsync(new ApiRequest("POST", "/exemple").WithBody(Encoding.UTF8.GetBytes("""{"param1":"x"}"""), "application/json")), 400);
}
