using Api.Werkzeug.Forms;
using Microsoft.AspNetCore.Http;

namespace Api.Tests.Werkzeug.Forms;

/// <summary>A form as Werkzeug's MultiDict holds it, seen through IFormCollection as MVC's binding reads it.</summary>
public sealed class FormFieldsTests
{
    private static readonly FormCollection Form = FormFields.Of([new("a", "1"), new("A", "2"), new("a", "3")]);

    [Test]
    public void A_repeated_key_holds_all_its_values_in_sent_order_so_that_a_string_binds_to_the_first() =>
        Assert.That(Form["a"].ToArray(), Is.EqualTo(new[] { "1", "3" }));

    [Test]
    public void Keys_are_compared_case_sensitively()
    {
        Assert.That(Form["A"].ToArray(), Is.EqualTo(new[] { "2" }));
        Assert.That(Form.ContainsKey("b"), Is.False);
        Assert.That(Form.TryGetValue("A", out _), Is.True);
    }

    [Test]
    public void A_key_never_sent_has_no_value() => Assert.That(Form["b"], Is.Empty);

    [Test]
    public void Keys_come_in_first_sent_order_and_there_are_no_files()
    {
        Assert.That(Form.Keys, Is.EqualTo(new[] { "a", "A" }));
        Assert.That(Form.Select(field => field.Key), Is.EqualTo(new[] { "a", "A" }));
        Assert.That(Form, Has.Count.EqualTo(2));
        Assert.That(Form.Files, Is.Empty);
    }
}
