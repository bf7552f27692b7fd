using Api.Echo;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Api.Tests.Problems;

/// <summary>Every error is RFC 9457 problem+json, and no exception text leaves the server outside Development.</summary>
public sealed class ProblemResponseTests : ApiTestBase
{
    [Test]
    public async Task Not_found_names_the_path_in_its_detail()
    {
        var response = await GetAsync("/nope");

        ProblemAssert.IsProblem(response, 404);
        Assert.That((string?)response.Json!["type"], Is.EqualTo("https://tools.ietf.org/html/rfc9110#section-15.5.5"));
        Assert.That((string?)response.Json!["title"], Is.EqualTo("Not Found"));
        Assert.That((string?)response.Json!["detail"], Does.Contain("/nope"));
    }

    // Every answer is also checked against the OpenAPI document, where "/" must not match "/\n"
    // (a .NET '$' would also match before a final newline).
    [TestCase("GET", "/%0A")]
    [TestCase("PATCH", "/%0A?%FF")]
    [TestCase("GET", "/test/%0A/")]
    public async Task A_path_ending_in_a_newline_is_not_the_path_without_it(string method, string rawTarget)
    {
        var response = await SendAsync(method, rawTarget);

        ProblemAssert.IsProblem(response, 404);
        Assert.That(response.Allow, Is.Null);
    }

    [Test]
    public async Task Method_not_allowed_names_the_methods_the_path_takes()
    {
        var response = await SendAsync("DELETE", "/exemple");

        ProblemAssert.IsProblem(response, 405);
        Assert.That((string?)response.Json!["title"], Is.EqualTo("Method Not Allowed"));
        Assert.That((string?)response.Json!["detail"], Does.Contain("OPTIONS, POST"));
    }

    [Test]
    public async Task An_unhandled_exception_is_a_500_problem_without_exception_text()
    {
        var echo = new Mock<IEchoService>();
        echo.Setup(e => e.Greet()).Throws(new InvalidOperationException("secret internal detail"));
        var broken = Factory.WithServices(services => services.AddSingleton(echo.Object));

        var response = await GetAsync("/");
        var failing = await broken.SendAsync(ApiRequest.Get("/"));

        Assert.That(response.Status, Is.EqualTo(200));
        ProblemAssert.IsProblem(failing, 500);
        Assert.That(failing.Text, Does.Not.Contain("secret internal detail"));
        Assert.That(failing.Text, Does.Not.Contain("InvalidOperationException"));
    }
}
