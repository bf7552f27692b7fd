namespace Api.Features.Exemple;

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
