using System.Text;
using System.Text.Json.Nodes;
using Api.Tests.Contract;
using Api.Tests.Parity;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Textbook;

/// <summary>
/// A controller written the textbook way (<see cref="ProbeController"/>) answers in the API as in a
/// plain controllers app: route constraints, query, form and JSON binding, DataAnnotations and
/// FluentValidation (async rules too), NotFound and CreatedAtAction. The API's own rules come on top:
/// every error is problem+json, HEAD and OPTIONS answer, a 405 names what the path takes, and the
/// OpenAPI document lists every answer under an operationId it makes up.
/// </summary>
[NonParallelizable]
public sealed class TextbookControllerTests
{
    private ApiFactory _factory = null!;
    private InMemoryApi _api = null!;
    private PlainControllersApp _plain = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _factory = new ApiFactory();
        _api = _factory.WithServices(services =>
        {
            services.AddMvcCore().AddApplicationPart(typeof(ProbeController).Assembly);
            services.AddScoped<IValidator<NewProbeItem>, NewProbeItemValidator>();
        });
        // Its automatic validation cannot run an async rule: the plain app gets the synchronous one only.
        _plain = await PlainControllersApp.StartAsync<NewProbeItemNameValidator>();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _plain.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private static ApiRequest Json(string json) => new("POST", "/probe") { Body = Encoding.UTF8.GetBytes(json), ContentType = "application/json" };

    public static IEnumerable<TestCaseData> Requests()
    {
        TestCaseData Case(string name, ApiRequest request) => new TestCaseData(request).SetName(name);

        yield return Case("an int route constraint binds the value", ApiRequest.Get("/probe/42"));
        yield return Case("NotFound() is a 404", ApiRequest.Get($"/probe/{ProbeController.MissingId}"));
        yield return Case("a value the constraint refuses matches no route", ApiRequest.Get("/probe/abc"));
        yield return Case("a trailing slash and another case still match", ApiRequest.Get("/Probe/42/"));
        yield return Case("a guid route constraint binds the value", ApiRequest.Get("/probe/by-guid/6F9619FF-8B86-D011-B42D-00C04FC964FF"));
        yield return Case("query parameters bind", ApiRequest.Get("/probe/search?name=ab&n=3"));
        yield return Case("query keys are case-insensitive", ApiRequest.Get("/probe/search?Name=ab&N=3"));
        yield return Case("absent query parameters get their defaults", ApiRequest.Get("/probe/search"));
        yield return Case("a query value that does not convert is a 400 keyed by field", ApiRequest.Get("/probe/search?n=abc"));
        yield return Case("a form field binds", ApiRequest.Form("/probe/form", "title=hello"));
        yield return Case("form keys are case-insensitive", ApiRequest.Form("/probe/form", "Title=hello"));
        yield return Case("a JSON body binds and CreatedAtAction gives its Location", Json("""{"name":"bolt","quantity":3}"""));
        yield return Case("DataAnnotations refuse a body field by field", Json("""{"quantity":30}"""));
        yield return Case("a synchronous FluentValidation rule refuses a body", Json("""{"name":"forbidden","quantity":1}"""));
        yield return Case("DataAnnotations and FluentValidation refuse a body in one answer", Json("""{"name":"forbidden","quantity":30}"""));
        yield return Case("a body of another media type is a 415", new ApiRequest("POST", "/probe") { Body = "x"u8.ToArray(), ContentType = "text/plain" });
    }

    [TestCaseSource(nameof(Requests))]
    public async Task It_answers_as_a_plain_controllers_app_does(ApiRequest request)
    {
        var api = await _api.SendUncheckedAsync(request);
        var plain = await _plain.SendAsync(request);

        Assert.That(api.Status, Is.EqualTo(plain.Status), plain.Text);
        Assert.That(api.Headers.Location.ToString(), Is.EqualTo(plain.Headers.Location.ToString()));
        if (plain.Body.Length > 0)
        {
            Assert.That(MediaType(api), Is.EqualTo(MediaType(plain)));
            Assert.That(JsonEquivalence.AreEquivalent(WithoutTraceId(plain.Json), WithoutTraceId(api.Json)), Is.True, $"plain: {plain.Text}\napi:   {api.Text}");
        }

        if (api.Status >= 400) ProblemAssert.IsProblem(api, api.Status);
    }

    // The API's own rule on top of MVC's: a body that does not read is said in the API's words, under its JSON path.
    [Test]
    public async Task A_body_that_is_not_json_is_a_400_naming_the_body_without_the_serializers_types()
    {
        var api = await _api.SendUncheckedAsync(Json("not json"));

        ProblemAssert.IsProblem(api, 400);
        Assert.That(api.Json!["errors"]!["$"]!.AsArray().Select(e => (string?)e), Is.EqualTo(new[] { "The input was not valid." }));
    }

    [Test]
    public async Task An_async_fluentvalidation_rule_is_awaited_where_automatic_validation_cannot_run_it()
    {
        var request = Json($$"""{"name":"bolt","quantity":1,"code":"{{NewProbeItemValidator.TakenCode}}"}""");

        await using var plainWithAsyncRule = await PlainControllersApp.StartAsync<NewProbeItemValidator>();

        var api = await _api.SendUncheckedAsync(request);
        var plain = await Assert.ThrowsAsync<AsyncValidatorInvokedSynchronouslyException>(() => plainWithAsyncRule.SendAsync(request));

        ProblemAssert.IsProblem(api, 400);
        Assert.That(api.Json!["errors"]!["Code"]!.AsArray().Select(e => (string?)e), Is.EqualTo(new[] { "This code is already taken." }));
        Assert.That(plain!.ValidatorType, Is.EqualTo(typeof(NewProbeItemValidator)), "FluentValidation.AspNetCore's automatic validation is synchronous");
    }

    [Test]
    public async Task The_apis_method_rules_apply_on_top()
    {
        var get = await _api.SendUncheckedAsync(ApiRequest.Get("/probe/42"));
        var head = await _api.SendUncheckedAsync(new ApiRequest("HEAD", "/probe/42"));
        var options = await _api.SendUncheckedAsync(new ApiRequest("OPTIONS", "/probe/42"));
        var delete = await _api.SendUncheckedAsync(new ApiRequest("DELETE", "/probe/42"));

        Assert.That((head.Status, head.ContentType, head.ContentLength, head.Body.Length), Is.EqualTo((200, get.ContentType, get.ContentLength, 0)));
        Assert.That((options.Status, options.Allow, options.Body.Length), Is.EqualTo((200, "GET, HEAD, OPTIONS", 0)));
        ProblemAssert.IsProblem(delete, 405);
        Assert.That(delete.Allow, Is.EqualTo("GET, HEAD, OPTIONS"));
        Assert.That((await _plain.SendAsync(new ApiRequest("HEAD", "/probe/42"))).Status, Is.EqualTo(405), "a plain app does not answer HEAD");
    }

    [Test]
    public async Task The_document_lists_every_answer_under_an_operation_id_of_its_own()
    {
        var document = (await _api.SendUncheckedAsync(ApiRequest.Get("/openapi/v1.json"))).Json!.AsObject();
        var contract = new OpenApiContract(document);
        var probe = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/probe", StringComparison.Ordinal)).ToList();

        Assert.That(
            probe.SelectMany(p => OpenApiContract.OperationsOf(p.Value!.AsObject()).Select(o => (string?)o.Value["operationId"])),
            Is.SupersetOf(new[] { "probeGet", "headProbeGet", "probeGetByGuid", "probeSearch", "probePostForm", "probeCreate", "optionsProbeGet" }));
        Assert.Multiple(async () =>
        {
            // OpenAPI paths are case-sensitive and exact: a client following the document sends none other.
            var requests = Requests().Select(r => (ApiRequest)r.Arguments[0]!).Where(r => r.Target != "/Probe/42/");
            foreach (var request in requests.Append(new ApiRequest("DELETE", "/probe/42")).Append(new ApiRequest("HEAD", "/probe/42")))
            {
                Assert.That(contract.Check(request.Method, request.Target, await _api.SendUncheckedAsync(request)), Is.Empty, $"{request.Method} {request.Target}");
            }
        });
    }

    private static string? MediaType(ApiResponse response) => response.ContentType?.Split(';')[0];

    private static JsonNode? WithoutTraceId(JsonNode? json)
    {
        (json as JsonObject)?.Remove("traceId");
        return json;
    }
}
