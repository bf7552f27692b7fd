using System.ComponentModel.DataAnnotations;

namespace Api.Features.Exemple;

/// <summary>The form of <c>POST /exemple</c>.</summary>
public sealed record ExempleForm
{
    public const string Param1Field = "param1";

    /// <summary>Any text, empty included. Its key is case-sensitive; a repeated key gives its first value.</summary>
    [FromForm(Name = Param1Field)]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Param1 { get; init; }
}

/// <summary><c>param1</c> must be sent; any text, the empty string included, is accepted. Errors are keyed by the field name clients send.</summary>
internal sealed class ExempleFormValidator : AbstractValidator<ExempleForm>
{
    public const string MissingParam1Message = "The form field 'param1' is required.";

    public ExempleFormValidator()
    {
        RuleFor(form => form.Param1)
            .NotNull()
            .OverridePropertyName(ExempleForm.Param1Field)
            .WithMessage(MissingParam1Message);
    }
}

/// <summary>The answer of <c>POST /exemple</c>: <c>{"return1": param1 + "AAA"}</c>.</summary>
public sealed record ExempleResponse(string Return1);
