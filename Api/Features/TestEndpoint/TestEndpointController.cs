using Api.Limits;

namespace Api.Features.TestEndpoint;

[ApiController]
[WerkzeugRules]
[Tags(ApiTags.Tutorial)]
public sealed class TestEndpointController(IEchoService echo) : ControllerBase
{
    [HttpGet("/test", Name = "describeTest")]
    [DocumentOrder(2)]
    [EndpointSummary("Describe the test endpoint")]
    [EndpointDescription("Answers `test_endpoint_get` as plain text.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, EchoService.TestEndpointText)]
    public string Describe() => echo.DescribeTestEndpoint();

    [HttpPost("/test", Name = "echoForm")]
    [DocumentOrder(3)]
    [RequestTimeout(RequestLimitsExtensions.BodyReadingPolicy)]
    [EndpointSummary("Echo the form")]
    [EndpointDescription(
        "Answers the form's text fields as one JSON object, in the order they were sent. Keys are case-sensitive; " +
        "a repeated key gives its first value; file parts are left out; the query string is never read. " +
        "Any body that is not a form (none, JSON, XML, text, no or a malformed Content-Type) gives `{}`.")]
    [ProducesResponseType<Dictionary<string, string>>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, """{"param1":"jeej"}""")]
    [DocumentedFormField("param1", "The tutorial's field.")]
    public ActionResult<Dictionary<string, string>> EchoForm([FromForm] IFormCollection form) => echo.EchoFields(form);

    [HttpGet("/test/{id_test}", Name = "describeTestById")]
    [DocumentOrder(4)]
    [EndpointSummary("Describe a test by its id")]
    [EndpointDescription(
        "Answers `test {id_test}` as plain text, with the segment percent-decoded (`/test/caf%C3%A9` gives `test café`). " +
        "An all-digits id is read as an integer, as Flask's `int` converter does: `/test/007` gives `test 7`.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, "test 1")]
    public string DescribeById([FromRoute] string id_test) => echo.DescribeTest(id_test);

    // Preferred over the string route, as Werkzeug's int converter is; the document describes both by the string route.
    [HttpGet($"/test/{{id_test:{IntegerConverter.Name}}}")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public string DescribeByNumber([FromRoute] BigInteger id_test) => echo.DescribeTest(id_test.ToString(CultureInfo.InvariantCulture));
}
