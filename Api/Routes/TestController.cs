using System.Numerics;
using Api.Constraints;
using Api.Echo;
using Api.Forms;
using Api.OpenApi;
using Api.Responses;
using Microsoft.AspNetCore.Mvc;

namespace Api.Routes;

/// <summary><c>/test</c> and <c>/test/{id_test}</c>: routing, parameters, and a form echo.</summary>
[Tags(ApiTags.Tutorial)]
public sealed class TestController(IEchoService echo) : ControllerBase
{
    [HttpGet("/test", Name = "describeTest")]
    [EndpointSummary("Describe the test endpoint")]
    [EndpointDescription("Answers `test_endpoint_get` as plain text.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, ResponseBody.PlainText)]
    [ResponseExample(StatusCodes.Status200OK, EchoService.TestEndpointText)]
    public IActionResult Describe() => BodyResult.Text(echo.DescribeTestEndpoint());

    [HttpPost("/test", Name = "echoForm")]
    [EndpointSummary("Echo the form")]
    [EndpointDescription(
        "Answers the form's text fields as one JSON object, in the order they were sent. Keys are case-sensitive; " +
        "a repeated key gives its first value; file parts are left out; the query string is never read. " +
        "Any body that is not a form (none, JSON, XML, text, no or a malformed Content-Type) gives `{}`.")]
    [ProducesResponseType<IReadOnlyDictionary<string, string>>(StatusCodes.Status200OK, ResponseBody.Json)]
    [ResponseExample(StatusCodes.Status200OK, """{"param1":"jeej"}""")]
    public IActionResult EchoForm([ModelBinder<FormFieldsModelBinder>] FormFields form) =>
        BodyResult.Json(echo.EchoForm(form), EchoJsonContext.Utf8.IReadOnlyDictionaryStringString);

    [HttpGet("/test/{id_test}", Name = "describeTestById")]
    [EndpointSummary("Describe a test by its id")]
    [EndpointDescription(
        "Answers `test {id_test}` as plain text, with the segment percent-decoded (`/test/caf%C3%A9` gives `test café`). " +
        "An all-digits id is read as an integer, as Flask's `int` converter does: `/test/007` gives `test 7`.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, ResponseBody.PlainText)]
    [ResponseExample(StatusCodes.Status200OK, "test 1")]
    public IActionResult DescribeById([FromRoute, ModelBinder<StringConverter>] string id_test) => BodyResult.Text(echo.DescribeTest(id_test));

    /// <summary>
    /// An all-digits segment: preferred over the string route, as Werkzeug's int converter is.
    /// Both share one path in the OpenAPI document, described by the string route.
    /// </summary>
    [HttpGet($"/test/{{id_test:{IntegerConverter.Name}}}")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult DescribeByNumber([FromRoute, ModelBinder<IntegerConverter>] BigInteger id_test) =>
        BodyResult.Text(echo.DescribeTest(id_test));
}
