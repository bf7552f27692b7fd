using Api.CrossOrigin;

namespace Api.Tests.Security;

/// <summary>
/// CORS with ASP.NET Core's middleware, off until <c>Cors:AllowedOrigins</c> names an origin: then an
/// allowed origin's requests carry Access-Control-Allow-Origin and expose ETag, Location and Retry-After,
/// its preflights are answered with the path's methods, and any other origin gets no CORS headers.
/// </summary>
public sealed class CrossOriginTests : ApiTestBase
{
    private const string Allowed = "http://app.test:8080";
    private InMemoryApi _cors = null!;

    // Each test's own API, so that what its start builds (the policy, the preflight endpoints) is the work of every test.
    [SetUp]
    public void Configure() => _cors = Factory.With(($"{CrossOriginSettings.Section}:AllowedOrigins:0", Allowed), ($"{CrossOriginSettings.Section}:AllowedOrigins:1", "https://other.test"));

    private static ApiRequest From(string origin, ApiRequest request) => request with { Headers = [new("Origin", origin), .. request.Headers] };

    private static ApiRequest Preflight(string origin, string target, string method) =>
        new("OPTIONS", target) { Headers = [new("Origin", origin), new("Access-Control-Request-Method", method), new("Access-Control-Request-Headers", "content-type")] };

    private static string[] CorsHeaders(ApiResponse response) =>
        [.. response.Headers.Keys.Where(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).Order()];

    [Test]
    public async Task Off_by_default_no_answer_carries_cors_headers_and_a_preflight_is_a_plain_options()
    {
        var get = await SendAsync(From(Allowed, ApiRequest.Get("/convert/int/42")));
        var preflight = await SendAsync(Preflight(Allowed, "/exemple", "POST"));

        Assert.That(CorsHeaders(get).Concat(CorsHeaders(preflight)), Is.Empty);
        Assert.That((preflight.Status, preflight.Allow), Is.EqualTo((200, "OPTIONS, POST")));
        Assert.That(get.Headers.Vary.Count, Is.Zero);
    }

    [Test]
    public async Task An_allowed_origin_gets_its_answer_or_its_problem_with_the_validators_and_location_exposed()
    {
        var post = await _cors.SendAsync(From(Allowed, ApiRequest.Form("/exemple", "param1=jeej")));
        var get = await _cors.SendAsync(From(Allowed, ApiRequest.Get("/convert/int/42")));
        var problem = await _cors.SendAsync(From(Allowed, ApiRequest.Form("/exemple", "other=1")));

        Assert.That((post.Status, post.Text), Is.EqualTo((200, """{"return1":"jeejAAA"}""")));
        ProblemAssert.IsProblem(problem, 400);
        foreach (var response in new[] { post, get, problem })
        {
            Assert.That(response.Headers.AccessControlAllowOrigin.ToString(), Is.EqualTo(Allowed));
            Assert.That(response.Headers.AccessControlExposeHeaders.ToString(), Is.EqualTo("ETag,Location,Retry-After"));
            Assert.That(response.Headers.Vary.ToArray(), Is.EqualTo(new[] { "Origin" }), "once, though both the policy and the API say it");
            Assert.That(response.Headers.ContainsKey("Access-Control-Allow-Credentials"), Is.False, "the API reads no cookie");
        }
    }

    [Test]
    public async Task A_star_allows_any_origin()
    {
        var any = Factory.With(($"{CrossOriginSettings.Section}:AllowedOrigins:0", "*"));

        var response = await any.SendAsync(From("http://anywhere.test", ApiRequest.Get("/")));

        Assert.That((response.Status, response.Headers.AccessControlAllowOrigin.ToString()), Is.EqualTo((200, "*")));
    }

    [Test]
    public async Task A_preflight_for_a_path_that_does_not_exist_names_no_methods_and_the_request_is_404()
    {
        var preflight = await _cors.SendUncheckedAsync(Preflight(Allowed, "/nope", "POST"));
        var request = await _cors.SendAsync(From(Allowed, ApiRequest.Form("/nope", "param1=jeej")));

        Assert.That((preflight.Status, preflight.Headers.AccessControlAllowOrigin.ToString(), preflight.Headers.AccessControlAllowMethods.Count), Is.EqualTo((204, Allowed, 0)));
        ProblemAssert.IsProblem(request, 404);
    }

    // Asked for a method no route takes: the answer names the path's methods all the same, and the browser refuses the others.
    [Test]
    public async Task A_preflight_from_an_allowed_origin_is_answered_with_the_paths_methods()
    {
        foreach (var route in ApiRoute.Of(_cors.Services))
        {
            var response = await _cors.SendAsync(Preflight(Allowed, route.Target, "PATCH"));

            Assert.That((response.Status, response.Body.Length), Is.EqualTo((204, 0)), route.Target);
            Assert.That(response.Headers.AccessControlAllowOrigin.ToString(), Is.EqualTo(Allowed), route.Target);
            Assert.That(response.Headers.AccessControlAllowMethods.ToString(), Is.EqualTo(string.Join(',', route.Allow.Split(", "))), route.Target);
            Assert.That(response.Headers.AccessControlAllowHeaders.ToString(), Is.EqualTo("Content-Type"), route.Target);
            Assert.That(response.Headers.AccessControlMaxAge.ToString(), Is.EqualTo("600"), route.Target);
        }
    }

    [Test]
    public async Task Another_origin_gets_no_cors_headers()
    {
        var post = await _cors.SendAsync(From("http://elsewhere.test", ApiRequest.Form("/exemple", "param1=jeej")));
        var preflight = await _cors.SendAsync(Preflight("http://elsewhere.test", "/exemple", "POST"));

        Assert.That(CorsHeaders(post).Concat(CorsHeaders(preflight)), Is.Empty);
        Assert.That(post.Headers.Vary.ToString(), Is.EqualTo("Origin"));
    }

    // Without an origin, a shared cache must not hand the answer to a page: it varies by origin.
    [Test]
    public async Task An_options_without_origin_or_without_a_requested_method_is_flasks_200_with_allow_and_an_answer_without_origin_varies_by_origin()
    {
        var plain = await _cors.SendAsync(new ApiRequest("OPTIONS", "/exemple"));
        var withOrigin = await _cors.SendAsync(From(Allowed, new ApiRequest("OPTIONS", "/exemple")));
        var get = await _cors.SendAsync(ApiRequest.Get("/convert/int/42"));

        Assert.That((plain.Status, plain.Allow, withOrigin.Status, withOrigin.Allow), Is.EqualTo((200, "OPTIONS, POST", 200, "OPTIONS, POST")));
        Assert.That(CorsHeaders(plain).Concat(CorsHeaders(get)), Is.Empty);
        Assert.That(withOrigin.Headers.AccessControlAllowOrigin.ToString(), Is.EqualTo(Allowed));
        Assert.That(get.Headers.Vary.ToString(), Is.EqualTo("Origin"));
    }

    [TestCase(true, "https://app.example.com")]
    [TestCase(true, "http://127.0.0.1:8080")]
    [TestCase(true, "*")]
    [TestCase(false, "https://app.example.com/")]
    [TestCase(false, "https://App.example.com")]
    [TestCase(false, "https://app.example.com:443")]
    [TestCase(false, "app.example.com")]
    [TestCase(false, "ftp://app.example.com")]
    [TestCase(false, "https://app.example.com", "*")]
    public void An_allowed_origin_is_written_as_browsers_send_it_and_a_star_stands_alone(bool valid, params string[] origins)
    {
        var options = new CrossOriginSettings();
        foreach (var origin in origins) options.AllowedOrigins.Add(origin);

        Assert.That(new CrossOriginSettingsValidator().Validate(options).IsValid, Is.EqualTo(valid));
    }
}
