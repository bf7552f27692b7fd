using Microsoft.AspNetCore.Mvc;

namespace Template.Controllers;

/// <summary>The tutorial's routes, written as a newcomer to ASP.NET Core would write them.</summary>
[ApiController]
public class TutorialController : ControllerBase
{
    [HttpGet("/")]
    public string Hello() => "Hello World";

    [HttpGet("/test")]
    public string Test() => "test_endpoint_get";

    [HttpGet("/test/{idTest}")]
    public string TestById(string idTest) => "test " + idTest;

    [HttpPost("/test")]
    public Dictionary<string, string> EchoForm([FromForm] IFormCollection form) =>
        form.ToDictionary(field => field.Key, field => field.Value.ToString());

    [HttpPost("/exemple")]
    public ActionResult<Dictionary<string, string>> Exemple([FromForm] string? param1) =>
        param1 is null ? BadRequest() : new Dictionary<string, string> { ["return1"] = param1 + "AAA" };
}
