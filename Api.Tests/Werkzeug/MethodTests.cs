
namespace Api.Tests.Werkzeug;

/// <summary>Every method on every route: what it answers, and the exact Allow set.</summary>
public sealed class MethodTests : ApiTestBase
{
    private const string ReadOnly = "GET, HEAD, OPTIONS";
    private const string ReadWrite = "GET, HEAD, OPTIONS, POST";
    private const string PostOnly = "OPTIONS, POST";

    private static readonly (string Path, string Allow)[] Routes =
    [
        ("/", ReadOnly),
        ("/test", ReadWrite),
        ("/test/abc", ReadOnly),
        ("/test/42", ReadOnly),
        ("/exemple", PostOnly),
        ("/convert/string/abc", ReadOnly),
        ("/convert/int/42", ReadOnly),
        ("/convert/float/1.5", ReadOnly),
        ("/convert/path/a/b", ReadOnly),
        ("/convert/uuid/6f9619ff-8b86-d011-b42d-00c04fc964ff", ReadOnly),
        ("/convert/list/a+b", ReadOnly),
    ];

    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"];

    public static IEnumerable<TestCaseData> RouteMethods =>
        from route in Routes
        from method in Methods
        select new TestCaseData(route.Path, route.Allow, method).SetName($"{method} {route.Path}");

    public static IEnumerable<TestCaseData> RoutePaths =>
        Routes.Select(route => new TestCaseData(route.Path, route.Allow).SetName($"OPTIONS {route.Path}"));

    [TestCaseSource(nameof(RouteMethods))]
    public async Task A_method_the_route_takes_succeeds_and_any_other_is_405_with_the_exact_allow_set(string path, string allow, string method)
    {
        var response = await SendAsync(method == "POST" ? ApiRequest.Form(path, "param1=x") : new ApiRequest(method, path));

        if (allow.Split(", ").Contains(method))
        {
            Assert.That(response.Status, Is.EqualTo(200));
            Assert.That(response.Allow, Is.Null);
        }
        else if (method == "HEAD")
        {
            Assert.That(response.Status, Is.EqualTo(405));
            Assert.That(response.ContentType, Is.EqualTo("application/problem+json"));
            Assert.That(response.Allow, Is.EqualTo(allow));
            Assert.That(response.Body, Is.Empty);
        }
        else
        {
            ProblemAssert.IsProblem(response, 405);
            Assert.That(response.Allow, Is.EqualTo(allow));
        }
    }

    [TestCaseSource(nameof(RoutePaths))]
    public async Task Options_answers_200_with_an_empty_body_and_the_allow_set(string path, string allow)
    {
        var response = await SendAsync("OPTIONS", path);

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Allow, Is.EqualTo(allow));
        Assert.That(response.Body, Is.Empty);
        Assert.That(response.ContentLength, Is.EqualTo(0));
    }

    [TestCase("/")]
    [TestCase("/test")]
    [TestCase("/test/abc")]
    [TestCase("/test/007")]
    [TestCase("/convert/int/42")]
    [TestCase("/convert/list/a+b")]
    [TestCase("/nope")]
    [TestCase("/convert/int/abc")]
    public async Task Head_gives_the_status_and_headers_of_get_without_a_body(string path)
    {
        var get = await GetAsync(path);
        var head = await SendAsync("HEAD", path);

        Assert.That(head.Status, Is.EqualTo(get.Status));
        Assert.That(head.ContentType, Is.EqualTo(get.ContentType));
        Assert.That(get.ContentLength, Is.EqualTo(get.Body.Length));
        Assert.That(head.Body, Is.Empty);
        if (get.Status == 200)
        {
            Assert.That(head.ContentLength, Is.EqualTo(get.ContentLength));
        }
    }

    [TestCase("/test/")]
    [TestCase("/exemple/")]
    [TestCase("/test/abc/")]
    [TestCase("/test/42/")]
    [TestCase("/convert/int/42/")]
    public async Task A_trailing_slash_is_404_whatever_the_method(string path)
    {
        ProblemAssert.IsProblem(await GetAsync(path), 404);
        ProblemAssert.IsProblem(await PostFormAsync(path, "param1=x"), 404);
        ProblemAssert.IsProblem(await SendAsync("OPTIONS", path), 404);
    }

    [TestCase("/nope")]
    [TestCase("/Test")]
    [TestCase("/EXEMPLE")]
    [TestCase("/Convert/int/1")]
    [TestCase("/test/a/b")]
    [TestCase("/convert")]
    [TestCase("/convert/bool/true")]
    public async Task An_unknown_path_is_404_problem(string path) => ProblemAssert.IsProblem(await GetAsync(path), 404);

    [TestCase("/docs")]
    [TestCase("/docs/")]
    [TestCase("/docs/scalar.js")]
    [TestCase("/openapi/v1.json")]
    [TestCase("/metrics")]
    public async Task The_document_the_docs_page_and_the_metrics_follow_the_same_method_rules(string path)
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
