using System.Numerics;
using Api.Constraints;
using Api.Echo;
using Api.Forms;
using Api.Responses;
using Microsoft.AspNetCore.Mvc;

namespace Api.Routes;

/// <summary><c>/test</c> and <c>/test/{id_test}</c>: routing, parameters, and a form echo.</summary>
public sealed class TestController(IEchoService echo) : ControllerBase
{
    [HttpGet("/test")]
    public IActionResult Describe() => BodyResult.Text(echo.DescribeTestEndpoint());

    [HttpPost("/test")]
    public IActionResult EchoForm([FromForm] FormFields form) =>
        BodyResult.Json(echo.EchoForm(form), EchoJsonContext.Utf8.IReadOnlyDictionaryStringString);

    [HttpGet("/test/{id_test}")]
    public IActionResult DescribeById([FromRoute, ModelBinder<StringConverter>] string id_test) => BodyResult.Text(echo.DescribeTest(id_test));

    /// <summary>An all-digits segment: preferred over the string route, as Werkzeug's int converter is.</summary>
    [HttpGet($"/test/{{id_test:{IntegerConverter.Name}}}")]
    public IActionResult DescribeByNumber([FromRoute, ModelBinder<IntegerConverter>] BigInteger id_test) =>
        BodyResult.Text(echo.DescribeTest(id_test));
}
