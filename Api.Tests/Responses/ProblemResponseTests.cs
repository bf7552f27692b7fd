using Api.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Api.Tests.Responses;

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
    public async Task A_problem_of_the_applications_own_keeps_its_type_title_and_detail_and_without_a_registered_type_is_typed_about_blank()
    {
        var own = Results.Problem(type: "https://example.com/probs/out-of-stock", title: "Out of stock", detail: "Item 12 is out of stock.", statusCode: 409);

        var response = await AnsweringWith(own).SendUncheckedAsync(ApiRequest.Get("/own"));
        var untyped = await AnsweringWith(Results.Problem(statusCode: 418)).SendUncheckedAsync(ApiRequest.Get("/own"));

        ProblemAssert.IsProblem(response, 409);
        Assert.That(
            ((string?)response.Json!["type"], (string?)response.Json!["title"], (string?)response.Json!["detail"]),
            Is.EqualTo(("https://example.com/probs/out-of-stock", "Out of stock", "Item 12 is out of stock.")));
        ProblemAssert.IsProblem(untyped, 418);
        Assert.That((string?)untyped.Json!["type"], Is.EqualTo("about:blank"));
    }

    [Test]
    public async Task A_body_that_fails_to_arrive_is_a_400_problem_saying_its_framing_is_broken()
    {
        var context = await Factory.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = "/test";
            http.Request.ContentType = "application/x-www-form-urlencoded";
            http.Request.ContentLength = 10;
            http.Request.Body = new FailingBody();
        });
        using var body = new MemoryStream();
        await context.Response.Body.CopyToAsync(body);
        var response = new ApiResponse(context.Response.StatusCode, context.Response.Headers, body.ToArray());

        ProblemAssert.IsProblem(response, 400);
        Assert.That((string?)response.Json!["detail"], Is.EqualTo("The request body cannot be read: its framing is broken."));
    }

    [Test]
    public async Task An_unhandled_exception_is_a_500_problem_without_exception_text_and_with_the_security_headers()
    {
        var echo = new Mock<IEchoService>();
        echo.Setup(e => e.Greet()).Throws(new InvalidOperationException("secret internal detail"));
        var broken = Factory.WithServices(services => services.AddSingleton(echo.Object));

        var response = await GetAsync("/");
        var failing = await broken.SendAsync(ApiRequest.Get("/"));

        Assert.That(response.Status, Is.EqualTo(200));
        ProblemAssert.IsProblem(failing, 500);
        SecurityHeadersAssert.Carries(failing);
        Assert.That(failing.Text, Does.Not.Contain("secret internal detail"));
        Assert.That(failing.Text, Does.Not.Contain("InvalidOperationException"));
    }

    /// <summary>The API with one more answer after its own pipeline: for any request nothing else answered.</summary>
    private InMemoryApi AnsweringWith(IResult answer) => Factory.WithServices(services => services.AddSingleton<IStartupFilter>(new Answer(answer)));

    private sealed class Answer(IResult answer) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(answer.ExecuteAsync);
        };
    }

    /// <summary>A body that breaks off as Kestrel's does when it cannot read the framing (a chunk size that overflows).</summary>
    private sealed class FailingBody : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("The chunk size does not fit.");
    }
}
