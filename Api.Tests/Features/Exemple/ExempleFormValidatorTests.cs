using Api.Features.Exemple;

namespace Api.Tests.Features.Exemple;

public sealed class ExempleFormValidatorTests
{
    private readonly ExempleFormValidator _validator = new();

    [Test]
    public void Any_sent_param1_is_valid_even_empty([Values("jeej", "", " ")] string param1) =>
        Assert.That(_validator.Validate(new ExempleForm { Param1 = param1 }).IsValid, Is.True);

    [Test]
    public void A_missing_param1_fails_with_one_error_keyed_by_the_field_name_clients_send()
    {
        var result = _validator.Validate(new ExempleForm());

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].PropertyName, Is.EqualTo("param1"));
        Assert.That(result.Errors[0].ErrorMessage, Is.EqualTo(ExempleFormValidator.MissingParam1Message));
    }
}
