using Api.Werkzeug.Forms;

namespace Api.Tests.Werkzeug.Forms;

public sealed class FormFieldsTests
{
    private static readonly FormFields Form = new([new("a", "1"), new("A", "2"), new("a", "3")]);

    [Test]
    public void GetFirst_gives_the_first_value_of_a_repeated_key() => Assert.That(Form.GetFirst("a"), Is.EqualTo("1"));

    [Test]
    public void GetFirst_compares_keys_case_sensitively() => Assert.That(Form.GetFirst("A"), Is.EqualTo("2"));

    [Test]
    public void GetFirst_gives_null_for_a_key_never_sent() => Assert.That(Form.GetFirst("b"), Is.Null);
}
