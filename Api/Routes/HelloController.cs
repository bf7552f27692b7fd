using Api.Echo;
using Api.OpenApi;
using Api.Responses;
using Microsoft.AspNetCore.Mvc;

namespace Api.Routes;

/// <summary><c>/</c>: the tutorial's first endpoint.</summary>
[Tags(ApiTags.Tutorial)]
public sealed class HelloController(IEchoService echo) : ControllerBase
{
    [HttpGet("/", Name = "greet")]
    [EndpointSummary("Say hello")]
    [EndpointDescription("The tutorial's first endpoint: answers `Hello World` as plain text.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, ResponseBody.PlainText)]
    [ResponseExample(StatusCodes.Status200OK, EchoService.Greeting)]
    public IActionResult Greet() => BodyResult.Text(echo.Greet());
}
