using System.ComponentModel.DataAnnotations;
using Api.Limits;

namespace Api.Features.Exemple;

[ApiController]
[WerkzeugRules]
[Tags(ApiTags.Tutorial)]
public sealed class ExempleController(IEchoService echo) : ControllerBase
{
    [HttpPost("/exemple", Name = "transformParam1")]
    [DocumentOrder(5)]
    [RequestTimeout(RequestLimitsExtensions.BodyReadingPolicy)]
    [EndpointSummary("Transform param1")]
    [EndpointDescription(
        "Answers `{\"return1\": param1 + \"AAA\"}`. `param1` is read from the form body only (urlencoded or a multipart " +
        "text field, never the query string); its key is case-sensitive, a repeated key gives its first value, and it " +
        "may be empty. Without it: 400 with the error under `errors.param1`.")]
    [ProducesResponseType<ExempleResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ResponseExample(StatusCodes.Status200OK, """{"return1":"jeejAAA"}""")]
    // The validator made sure param1 was sent; no prefix, so that a field named "form" is a field like any other, as in Flask.
    public ActionResult<ExempleResponse> Transform([FromForm(Name = "")] ExempleForm form) => new ExempleResponse(echo.Transform(form.Param1!));
}

public sealed record ExempleForm
{
    public const string Param1Field = "param1";

    /// <summary>Any text, empty included. Its key is case-sensitive; a repeated key gives its first value.</summary>
    [FromForm(Name = Param1Field)]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Param1 { get; init; }
}

internal sealed class ExempleFormValidator : AbstractValidator<ExempleForm>
{
    public const string MissingParam1Message = "The form field 'param1' is required.";

    public ExempleFormValidator() =>
        RuleFor(form => form.Param1).NotNull().OverridePropertyName(ExempleForm.Param1Field).WithMessage(MissingParam1Message);
}

/// <summary>The answer of <c>POST /exemple</c>: <c>{"return1": param1 + "AAA"}</c>.</summary>
public sealed record ExempleResponse(string Return1);
