using Api.Echo;
using FluentValidation;

namespace Api.Validation;

/// <summary><c>param1</c> must be sent; any text, the empty string included, is accepted.</summary>
public sealed class ExempleFormValidator : AbstractValidator<ExempleForm>
{
    public const string MissingParam1Message = "The form field 'param1' is required.";

    public ExempleFormValidator()
    {
        RuleFor(form => form.Param1)
            .NotNull()
            .WithMessage(MissingParam1Message);
    }
}
