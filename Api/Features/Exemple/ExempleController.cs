using Api.Echo;
using Api.Limits;

namespace Api.Features.Exemple;

/// <summary><c>/exemple</c>: the tutorial's form transform.</summary>
[ApiController]
[WerkzeugRules]
[Tags(ApiTags.Tutorial)]
public sealed class ExempleController(IEchoService echo) : ControllerBase
{
    [HttpPost("/exemple", Name = "transformParam1")]
    [DocumentOrder(5)]
    [RequestTimeout(LimitsExtensions.BodyReadingPolicy)]
    [EndpointSummary("Transform param1")]
    [EndpointDescription(
        "Answers `{\"return1\": param1 + \"AAA\"}`. `param1` is read from the form body only (urlencoded or a multipart " +
        "text field, never the query string); its key is case-sensitive, a repeated key gives its first value, and it " +
        "may be empty. Without it: 400 with the error under `errors.param1`.")]
    [ProducesResponseType<ExempleResponse>(StatusCodes.Status200OK, MediaTypes.Json)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypes.ProblemJson)]
    [ResponseExample(StatusCodes.Status200OK, """{"return1":"jeejAAA"}""")]
    // ExempleFormValidator has made sure param1 was sent. The form binds without a prefix, so that
    // a field named "form" is a field like any other, as in Flask.
    public ActionResult<ExempleResponse> Transform([FromForm(Name = "")] ExempleForm form) => new ExempleResponse(echo.Transform(form.Param1!));
}
