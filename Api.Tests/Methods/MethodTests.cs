namespace Api.Tests.Methods;

/// <summary>Every method on every route of the API's controllers, as the app lists them: what it answers, and the exact Allow set.</summary>
public sealed class MethodTests : ApiTestBase
{
    private const string ReadOnly = "GET, HEAD, OPTIONS";

    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"];

    private IReadOnlyList<ApiRoute> Routes => ApiRoute.Of(Factory.Services);

    [Test]
    public void The_routes_walked_are_the_apps_own()
    {
        var routes = Routes.ToDictionary(route => route.Target, route => route.Allow);

        Assert.That(routes, Does.ContainKey("/").WithValue(ReadOnly));
        Assert.That(routes, Does.ContainKey("/test").WithValue("GET, HEAD, OPTIONS, POST"));
        Assert.That(routes, Does.ContainKey("/test/42").And.ContainKey("/test/abc").And.ContainKey("/convert/path/a/b/"));
        Assert.That(routes, Does.ContainKey("/exemple").WithValue("OPTIONS, POST"));
    }

    [Test]
    public async Task A_method_a_route_takes_is_answered_and_any_other_is_405_with_the_exact_allow_set()
    {
        foreach (var route in Routes)
        {
            // The item the routes of one item name.
            await SendAsync(ApiRequest.Json("POST", "/items", """{"name":"Widget","price":1}"""));
            foreach (var method in Methods)
            {
                var response = await SendAsync(method is "POST" or "PUT" ? ApiRequest.Form(route.Target, "param1=x&name=Widget&price=1") with { Method = method } : new ApiRequest(method, route.Target));

                if (route.Methods.Contains(method))
                {
                    Assert.That((response.Status / 100, response.Allow), Is.EqualTo((2, (string?)null)), $"{method} {route}");
                }
                else
                {
                    Assert.That((response.Status, response.ContentType, response.Allow), Is.EqualTo((405, "application/problem+json", route.Allow)), $"{method} {route}");
                    if (method != "HEAD") ProblemAssert.IsProblem(response, 405);
                }
            }
        }
    }

    [Test]
    public async Task Options_answers_200_with_an_empty_body_and_the_allow_set()
    {
        foreach (var route in Routes)
        {
            var response = await SendAsync("OPTIONS", route.Target);

            Assert.That((response.Status, response.Allow, response.Body.Length, response.ContentLength), Is.EqualTo((200, route.Allow, 0, (long?)0)), route.Target);
        }
    }

    [Test]
    public async Task Every_get_route_answers_head_with_the_status_and_headers_of_get_without_a_body()
    {
        foreach (var route in Routes.Where(route => route.Methods.Contains("GET")))
        {
            Assert.That(route.Methods, Does.Contain("HEAD"), route.Target);
            await AssertHeadIsGetWithoutABody(route.Target);
        }
    }

    [Test]
    public Task Head_of_a_path_no_route_takes_as_such_is_get_without_a_body([Values("/test/007", "/nope", "/convert/int/abc")] string path) => AssertHeadIsGetWithoutABody(path);

    private async Task AssertHeadIsGetWithoutABody(string path)
    {
        var get = await GetAsync(path);
        var head = await SendAsync("HEAD", path);

        Assert.That((head.Status, head.ContentType, head.Body.Length), Is.EqualTo((get.Status, get.ContentType, 0)), path);
        Assert.That(get.ContentLength, Is.EqualTo(get.Body.Length), path);
        if (get.Status == 200) Assert.That(head.ContentLength, Is.EqualTo(get.ContentLength), path);
    }

    [Test]
    public async Task A_trailing_slash_is_404_whatever_the_method([Values("/test/", "/exemple/", "/test/abc/", "/test/42/", "/convert/int/42/")] string path)
    {
        ProblemAssert.IsProblem(await GetAsync(path), 404);
        ProblemAssert.IsProblem(await PostFormAsync(path, "param1=x"), 404);
        ProblemAssert.IsProblem(await SendAsync("OPTIONS", path), 404);
    }

    [Test]
    public async Task An_unknown_path_is_404_problem(
        [Values("/nope", "/Test", "/EXEMPLE", "/Convert/int/1", "/test/a/b", "/convert", "/convert/bool/true")] string path) => ProblemAssert.IsProblem(await GetAsync(path), 404);

    [Test]
    public async Task The_document_the_docs_page_and_the_metrics_follow_the_same_method_rules([Values("/docs", "/docs/", "/docs/scalar.js", "/openapi/v1.json", "/metrics")] string path)
    {
        var get = await GetAsync(path);
        var head = await SendAsync("HEAD", path);
        var options = await SendAsync("OPTIONS", path);

        Assert.That((head.Status, head.ContentType, head.Body.Length), Is.EqualTo((get.Status, get.ContentType, 0)));
        Assert.That(get.Status, Is.EqualTo(path == "/docs" ? 302 : 200), "/docs redirects to /docs/");
        Assert.That((options.Status, options.Allow, options.Body.Length), Is.EqualTo((200, ReadOnly, 0)));
        foreach (var method in new[] { "POST", "PUT", "DELETE" })
        {
            var refused = await SendAsync(method, path);
            ProblemAssert.IsProblem(refused, 405);
            Assert.That(refused.Allow, Is.EqualTo(ReadOnly));
        }
    }
}
