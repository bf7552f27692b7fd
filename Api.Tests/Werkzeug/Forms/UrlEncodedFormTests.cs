using System.Text;
using Api.Werkzeug.Forms;
using Microsoft.AspNetCore.Http;

namespace Api.Tests.Werkzeug.Forms;

public sealed class UrlEncodedFormTests
{
    private static List<(string Key, string[] Values)> Parse(string body) => Fields(UrlEncodedForm.Parse(Encoding.UTF8.GetBytes(body)));

    private static List<(string Key, string[] Values)> Fields(IFormCollection form) => [.. form.Select(field => (field.Key, field.Value.ToArray() as string[]))];

    private static (string Key, string[] Values) Field(string key, params string[] values) => (key, values);

    [Test]
    public void Keys_keep_their_first_sent_order_and_repeated_keys_all_their_values() =>
        Assert.That(Parse("b=2&a=1&b=3"), Is.EqualTo(new[] { Field("b", "2", "3"), Field("a", "1") }));

    [Test]
    public void Plus_is_a_space_and_an_escaped_plus_is_a_plus() =>
        Assert.That(Parse("x+y=a+b&s=1%2B1"), Is.EqualTo(new[] { Field("x y", "a b"), Field("s", "1+1") }));

    [Test]
    public void A_pair_without_equals_is_a_key_with_an_empty_value() =>
        Assert.That(Parse("flag&a="), Is.EqualTo(new[] { Field("flag", ""), Field("a", "") }));

    [Test]
    public void A_pair_starting_with_equals_is_an_empty_key_with_its_value() =>
        Assert.That(Parse("=v&a=1"), Is.EqualTo(new[] { Field("", "v"), Field("a", "1") }));

    [Test]
    public void Empty_pairs_are_skipped() =>
        Assert.That(Parse("&&a=1&&"), Is.EqualTo(new[] { Field("a", "1") }));

    [Test]
    public void Only_the_first_equals_splits_key_and_value() =>
        Assert.That(Parse("a=b=c"), Is.EqualTo(new[] { Field("a", "b=c") }));

    [Test]
    public void Percent_escapes_decode_as_utf8() =>
        Assert.That(Parse("mot=caf%C3%A9"), Is.EqualTo(new[] { Field("mot", "café") }));

    [Test]
    public void Invalid_escapes_are_kept_as_sent() =>
        Assert.That(Parse("a=%zz&b=%4&c=%"), Is.EqualTo(new[] { Field("a", "%zz"), Field("b", "%4"), Field("c", "%") }));

    [Test]
    public void Invalid_utf8_becomes_the_replacement_character()
    {
        var fields = Fields(UrlEncodedForm.Parse([(byte)'a', (byte)'=', 0xFF, (byte)'&', (byte)'b', (byte)'=', (byte)'%', (byte)'C', (byte)'3']));

        Assert.That(fields, Is.EqualTo(new[] { Field("a", "\uFFFD"), Field("b", "\uFFFD") }));
    }

    [Test]
    public void An_empty_body_has_no_fields() => Assert.That(Parse(""), Is.Empty);
}
