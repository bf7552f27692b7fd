using Api.Client;
using Api.Client.Models;
using Api.Client.Test;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Api.Tests.Client;

/// <summary>
/// Every operation of the OpenAPI document, called through the client Kiota generates from it
/// (<c>Api.Client</c>), against the in-memory API, with the tutorial's values and the edge ones.
/// Every answer is also checked against the document.
/// </summary>
public sealed class GeneratedClientTests : ApiTestBase
{
    private ApiClient _client = null!;

    [OneTimeSetUp]
    public void CreateClient()
    {
        var http = Factory.CreateRawTargetClient(new HeadersInspectionHandler(), new ContractCheckingHandler());
        _client = new ApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = "http://localhost" });
    }

    private static async Task<string> AllowAsync(Func<Action<RequestConfiguration<DefaultQueryParameters>>, Task> options)
    {
        var inspection = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        await options(configuration => configuration.Options.Add(inspection));
        return string.Join(", ", inspection.ResponseHeaders["Allow"]);
    }

    [Test]
    public async Task The_tutorial_routes_answer_their_text()
    {
        Assert.That(await _client.GetAsync(), Is.EqualTo("Hello World"));
        Assert.That(await _client.Test.GetAsync(), Is.EqualTo("test_endpoint_get"));
        Assert.That(await _client.Test["1"].GetAsync(), Is.EqualTo("test 1"));
        Assert.That(await _client.Test["007"].GetAsync(), Is.EqualTo("test 7"));
        Assert.That(await _client.Test["café"].GetAsync(), Is.EqualTo("test café"));
    }

    [Test]
    public async Task The_form_echo_answers_every_field_sent()
    {
        var body = new EchoForm { Param1 = "jeej", AdditionalData = { ["b"] = "2" } };

        var echoed = await _client.Test.PostAsync(body);

        Assert.That(echoed!.AdditionalData, Is.EquivalentTo(new Dictionary<string, object> { ["param1"] = "jeej", ["b"] = "2" }));
    }

    [Test]
    public async Task Exemple_transforms_param1_and_without_it_is_a_typed_validation_problem()
    {
        var answer = await _client.Exemple.PostAsync(new ExempleForm { Param1 = "jeej" });
        var problem = await Assert.ThrowsAsync<ValidationProblemDetails>(() => _client.Exemple.PostAsync(new ExempleForm()));

        Assert.That(answer!.Return1, Is.EqualTo("jeejAAA"));
        Assert.That(problem!.Status, Is.EqualTo(400));
        Assert.That(problem.TraceId, Does.StartWith("00-"));
        var param1 = (UntypedArray)problem.Errors!.AdditionalData["param1"];
        Assert.That(param1.GetValue().Select(message => ((UntypedString)message).GetValue()), Is.EqualTo(new[] { "The form field 'param1' is required." }));
    }

    [Test]
    public async Task The_converters_answer_their_typed_values()
    {
        var convert = _client.Convert;

        Assert.Multiple(async () =>
        {
            Assert.That((await convert.String["abc"].GetAsync())!.Value, Is.EqualTo("abc"));
            Assert.That((await convert.Int["18446744073709551616"].GetAsync())!.Value, Is.EqualTo(18446744073709551616m));
            Assert.That((await convert.Int["007"].GetAsync())!.Value, Is.EqualTo(7m));
            Assert.That((await convert.Float["1.5"].GetAsync())!.Value, Is.EqualTo(1.5));
            Assert.That((await convert.Float["2.0"].GetAsync())!.Value, Is.EqualTo(2.0));
            Assert.That((await convert.Path["a/b"].GetAsync())!.Value, Is.EqualTo("a/b"));
            Assert.That((await convert.Uuid["6F9619FF-8B86-D011-B42D-00C04FC964FF"].GetAsync())!.Value, Is.EqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
            Assert.That((await convert.List["a+b"].GetAsync())!.Value, Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public async Task A_conditional_get_sends_the_etag_back_and_a_304_comes_back_as_no_value()
    {
        var inspection = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var first = await _client.Convert.Int["42"].GetAsync(configuration => configuration.Options.Add(inspection));
        var etag = inspection.ResponseHeaders["ETag"].Single();

        var revalidated = await _client.Convert.Int["42"].GetAsync(configuration => configuration.Headers.Add("If-None-Match", etag));
        var changed = await _client.Convert.Int["43"].GetAsync(configuration => configuration.Headers.Add("If-None-Match", etag));

        Assert.That((first!.Value, revalidated, changed!.Value), Is.EqualTo((42m, (Api.Client.Models.ConversionOfInteger?)null, 43m)));
    }

    [Test]
    public async Task The_probes_answer_healthy()
    {
        Assert.That((await _client.Healthz.GetAsync())!.Status, Is.EqualTo("Healthy"));
        Assert.That((await _client.Readyz.GetAsync())!.Status, Is.EqualTo("Healthy"));
    }

    // Every route's methods are walked from the app's own routes (Methods/MethodTests); here, HEAD and OPTIONS through the client.
    [Test]
    public async Task Head_and_options_answer_through_the_client()
    {
        await _client.Convert.Uuid["6F9619FF-8B86-D011-B42D-00C04FC964FF"].HeadAsync();
        await _client.Readyz.HeadAsync();

        Assert.That(await AllowAsync(o => _client.Test.OptionsAsync(o)), Is.EqualTo("GET, HEAD, OPTIONS, POST"));
        Assert.That(await AllowAsync(o => _client.Exemple.OptionsAsync(o)), Is.EqualTo("OPTIONS, POST"));
    }
}
