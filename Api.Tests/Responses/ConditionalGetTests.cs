using System.Globalization;
using Api.Responses;
using Microsoft.Net.Http.Headers;

namespace Api.Tests.Responses;

/// <summary>
/// Validators and 304s (RFC 9110 §8.8, §13): every 200 of a GET or HEAD on a route whose action declares no caching of
/// its own (the tutorial's routes and the converters) carries a strong ETag from its body, the build's Last-Modified and
/// the configured Cache-Control; If-None-Match and If-Modified-Since answer 304, the first winning; the probes and the
/// metrics are never cached. Every answer is checked against the document, its 304s included.
/// </summary>
public sealed class ConditionalGetTests : ApiTestBase
{
    private static readonly string BuildTime = HeaderUtilities.FormatDate(BodyFormatter.BuildTime);

    private Task<ApiResponse> GetAsync(string target, params (string Name, string Value)[] headers) =>
        SendAsync(new ApiRequest("GET", target) { Headers = [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))] });

    private async Task<string> ETagAsync(string target) => (await GetAsync(target)).Headers.ETag.ToString();

    [Test]
    public async Task Every_get_route_without_caching_of_its_own_answers_a_strong_etag_the_build_time_and_the_cache_control_and_head_the_same()
    {
        var routes = ApiRoute.Of(Factory.Services).Where(route => route.Methods.Contains("GET") && !route.DeclaresItsCaching).ToList();

        Assert.That(routes.Select(route => route.Target), Does.Contain("/").And.Contain("/convert/int/42"));
        foreach (var route in routes)
        {
            var get = await GetAsync(route.Target);
            var head = await SendAsync("HEAD", route.Target);

            Assert.That(get.Status, Is.EqualTo(200), route.Target);
            Assert.That(EntityTagHeaderValue.Parse(get.Headers.ETag.ToString()).IsWeak, Is.False, route.Target);
            Assert.That((get.Headers.LastModified.ToString(), get.Headers.CacheControl.ToString()), Is.EqualTo((BuildTime, "public, max-age=60")), route.Target);
            Assert.That(
                (head.Status, head.Headers.ETag.ToString(), head.Headers.LastModified.ToString(), head.Headers.CacheControl.ToString(), head.ContentLength),
                Is.EqualTo((200, get.Headers.ETag.ToString(), BuildTime, "public, max-age=60", get.ContentLength)), route.Target);
        }
    }

    [Test]
    public async Task The_etag_follows_the_body_same_bytes_same_tag_other_bytes_other_tag()
    {
        // "test 7" both: an all-digits id reads as an integer.
        Assert.That(await ETagAsync("/test/007"), Is.EqualTo(await ETagAsync("/test/7")));
        var first = await ETagAsync("/test/7");
        Assert.That(await ETagAsync("/test/7"), Is.EqualTo(first), "stable from one request to the next");
        Assert.That(await ETagAsync("/test/8"), Is.Not.EqualTo(await ETagAsync("/test/7")));
        Assert.That(await ETagAsync("/convert/string/7"), Is.Not.EqualTo(await ETagAsync("/test/7")));
        Assert.That(await ETagAsync("/convert/list/a+b"), Is.Not.EqualTo(await ETagAsync("/convert/list/a+c")));
    }

    [Test]
    public async Task If_none_match_naming_the_answer_weakly_or_star_is_304_with_the_etag_and_no_body_to_get_and_head(
        [Values("{0}", "W/{0}", "\"other\", {0}", "*")] string ifNoneMatch)
    {
        var etag = await ETagAsync("/convert/int/42");
        var condition = ("If-None-Match", string.Format(CultureInfo.InvariantCulture, ifNoneMatch, etag));

        var response = await GetAsync("/convert/int/42", condition);
        var head = await SendAsync(new ApiRequest("HEAD", "/convert/int/42") { Headers = [KeyValuePair.Create(condition.Item1, condition.Item2)] });

        Assert.That(response.Status, Is.EqualTo(304));
        Assert.That(response.Headers.ETag.ToString(), Is.EqualTo(etag));
        Assert.That(response.Headers.CacheControl.ToString(), Is.EqualTo("public, max-age=60"));
        Assert.That((response.Body.Length, response.ContentType, response.ContentLength), Is.EqualTo((0, (string?)null, (long?)null)));
        Assert.That((head.Status, head.Headers.ETag.ToString()), Is.EqualTo((304, etag)));
    }

    [Test]
    public async Task If_none_match_naming_another_answer_or_not_a_list_of_etags_is_200([Values("\"other\"", "W/\"other\"", "not an etag")] string ifNoneMatch)
    {
        var response = await GetAsync("/convert/int/42", ("If-None-Match", ifNoneMatch));

        Assert.That((response.Status, response.Text), Is.EqualTo((200, """{"converter":"int","value":42}""")));
    }

    [TestCase(0, 304)]
    [TestCase(3600, 304)]
    [TestCase(-1, 200)]
    public async Task If_modified_since_is_304_unless_the_build_is_newer(int secondsAfterBuild, int expected)
    {
        var since = HeaderUtilities.FormatDate(BodyFormatter.BuildTime.AddSeconds(secondsAfterBuild));

        var response = await GetAsync("/", ("If-Modified-Since", since));

        Assert.That(response.Status, Is.EqualTo(expected));
        Assert.That(response.Headers.ETag.ToString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_post_an_error_the_document_and_the_docs_page_carry_no_validators_and_ignore_the_conditions()
    {
        var post = await SendAsync(ApiRequest.Form("/exemple", "param1=jeej") with { Headers = [new("If-None-Match", "*")] });
        var notFound = await GetAsync("/convert/int/abc", ("If-None-Match", "*"));
        var document = await GetAsync("/openapi/v1.json", ("If-None-Match", "*"));
        var docs = await GetAsync("/docs/", ("If-None-Match", "*"), ("If-Modified-Since", HeaderUtilities.FormatDate(DateTimeOffset.UtcNow.AddYears(1))));

        Assert.That((post.Status, notFound.Status, document.Status, docs.Status), Is.EqualTo((200, 404, 200, 200)));
        Assert.That(new[] { post, notFound, document, docs }.Select(r => r.Headers.ETag.Count + r.Headers.CacheControl.Count), Has.All.Zero);
    }

    [Test]
    public async Task The_docs_pages_script_keeps_scalars_weak_etag_and_is_revalidated()
    {
        var script = await GetAsync("/docs/scalar.js");
        var again = await GetAsync("/docs/scalar.js", ("If-None-Match", script.Headers.ETag.ToString()));

        Assert.That(EntityTagHeaderValue.Parse(script.Headers.ETag.ToString()).IsWeak, Is.True);
        Assert.That(script.Headers.CacheControl.ToString(), Is.EqualTo("no-cache"));
        Assert.That(again.Status, Is.EqualTo(304));
    }

    // The evaluation case by case: PreconditionsTests.
    [TestCase("If-Match", "\"other\"", 412)]
    [TestCase("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT", 412)]
    [TestCase("If-Match", "{0}", 200)]
    [TestCase("If-Match", "not an etag", 200)]
    [TestCase("If-Unmodified-Since", "Fri, 01 Jan 2100 00:00:00 GMT", 200)]
    public async Task A_precondition_the_answer_fails_is_412_problem_without_validators_and_one_it_meets_or_that_does_not_parse_is_200(string header, string value, int expected)
    {
        var etag = await ETagAsync("/");

        var response = await SendAsync(new ApiRequest("GET", "/") { Headers = [new(header, string.Format(CultureInfo.InvariantCulture, value, etag))] });

        if (expected == 412)
        {
            ProblemAssert.IsProblem(response, 412);
            Assert.That(response.Headers.ETag.Count + response.Headers.CacheControl.Count, Is.Zero);
        }
        else
        {
            Assert.That((response.Status, response.Text), Is.EqualTo((200, "Hello World")));
        }
    }

    [Test]
    public async Task The_probes_and_the_metrics_are_never_cached([Values("/healthz", "/readyz", "/metrics")] string target)
    {
        var response = await GetAsync(target, ("If-None-Match", "*"), ("If-Modified-Since", HeaderUtilities.FormatDate(DateTimeOffset.UtcNow)));

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        Assert.That(response.Headers.ETag.Count, Is.Zero);
    }

    [TestCase("public, max-age=60", true)]
    [TestCase("no-cache", true)]
    [TestCase("private, max-age=0, must-revalidate", true)]
    [TestCase("", false)]
    [TestCase("no-cache\r\nX-Injected: 1", false)]
    public void The_cache_control_setting_must_be_a_cache_control_value(string value, bool valid) =>
        Assert.That(new CachingSettingsValidator().Validate(new CachingSettings { CacheControl = value }).IsValid, Is.EqualTo(valid));
}
