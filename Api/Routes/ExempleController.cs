using Api.Echo;
using Api.Responses;
using Microsoft.AspNetCore.Mvc;

namespace Api.Routes;

/// <summary><c>/exemple</c>: the tutorial's form transform.</summary>
public sealed class ExempleController(IEchoService echo) : ControllerBase
{
    /// <summary>Answers <c>{"return1": param1 + "AAA"}</c>; the form is validated before this runs.</summary>
    [HttpPost("/exemple")]
    public IActionResult Transform([FromForm] ExempleForm form) =>
        BodyResult.Json(echo.Transform(form), EchoJsonContext.Utf8.ExempleResponse);
}
