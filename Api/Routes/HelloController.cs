using Api.Echo;
using Api.Responses;
using Microsoft.AspNetCore.Mvc;

namespace Api.Routes;

/// <summary><c>/</c>: the tutorial's first endpoint.</summary>
public sealed class HelloController(IEchoService echo) : ControllerBase
{
    [HttpGet("/")]
    public IActionResult Greet() => BodyResult.Text(echo.Greet());
}
