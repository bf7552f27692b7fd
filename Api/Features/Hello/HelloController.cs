namespace Api.Features.Hello;

[ApiController]
[WerkzeugRules]
[Tags(ApiTags.Tutorial)]
public sealed class HelloController(IEchoService echo) : ControllerBase
{
    [HttpGet("/", Name = "greet")]
    [DocumentOrder(1)]
    [EndpointSummary("Say hello")]
    [EndpointDescription("The tutorial's first endpoint: answers `Hello World` as plain text.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK)]
    [ResponseExample(StatusCodes.Status200OK, EchoService.Greeting)]
    public string Greet() => echo.Greet();
}
