using System.Numerics;
using Api.Features.Convert;
using Api.Features.Echo;
using Api.Features.Exemple;
using Api.Werkzeug.Forms;

namespace Api.Tests.Features.Echo;

public sealed class EchoServiceTests
{
    private readonly EchoService _service = new();

    [TestCase("abc", "test abc")]
    [TestCase("café", "test café")]
    [TestCase(" ", "test  ")]
    public void A_text_id_is_appended_to_test(string id, string expected) =>
        Assert.That(_service.DescribeTest(id), Is.EqualTo(expected));

    [TestCase("7", "test 7")]
    [TestCase("0", "test 0")]
    [TestCase("123456789012345678901234567890", "test 123456789012345678901234567890")]
    public void A_numeric_id_is_written_in_decimal(string digits, string expected) =>
        Assert.That(_service.DescribeTest(BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(expected));

    [Test]
    public void Echoing_a_form_keeps_each_key_once_with_its_first_value_in_sent_order()
    {
        var form = new FormFields([new("b", "2"), new("a", "1"), new("b", "3"), new("A", "4")]);

        var echoed = _service.EchoForm(form);

        Assert.That(echoed, Is.EqualTo(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1", ["A"] = "4" }));
        Assert.That(echoed.Keys, Is.EqualTo(new[] { "b", "a", "A" }));
    }

    [TestCase("jeej", "jeejAAA")]
    [TestCase("", "AAA")]
    [TestCase("a b é", "a b éAAA")]
    public void Transform_appends_AAA_to_param1(string param1, string expected) =>
        Assert.That(_service.Transform(new ExempleForm { Param1 = param1 }), Is.EqualTo(new ExempleResponse(expected)));

    [Test]
    public void A_conversion_is_described_by_its_converter_and_typed_value() =>
        Assert.That(_service.DescribeConversion("int", new BigInteger(42)), Is.EqualTo(new ConversionResponse<BigInteger>("int", 42)));
}
