using Api.Features.Echo;
using Api.Limits;
using Microsoft.AspNetCore.Http.Timeouts;

namespace Api.Features.Exemple;

/// <summary><c>/exemple</c>: the tutorial's form transform.</summary>
[ApiController]
[Tags(ApiTags.Tutorial)]
public sealed class ExempleController(IEchoService echo) : ControllerBase
{
    /// <remarks>The form is validated by <c>ExempleFormValidator</c> before this runs.</remarks>
    [HttpPost("/exemple", Name = "transformParam1")]
    [RequestTimeout(LimitsExtensions.BodyReadingPolicy)]
    [EndpointSummary("Transform param1")]
    [EndpointDescription(
        "Answers `{\"return1\": param1 + \"AAA\"}`. `param1` is read from the form body only (urlencoded or a multipart " +
        "text field, never the query string); its key is case-sensitive, a repeated key gives its first value, and it " +
        "may be empty. Without it: 400 with the error under `errors.param1`.")]
    [ProducesResponseType<ExempleResponse>(StatusCodes.Status200OK, MediaTypes.Json)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypes.ProblemJson)]
    [ResponseExample(StatusCodes.Status200OK, """{"return1":"jeejAAA"}""")]
    public ActionResult<ExempleResponse> Transform([FromForm] ExempleForm form) => echo.Transform(form);
}
