using System.Numerics;
using Api.Echo;
using Microsoft.Extensions.Primitives;

namespace Api.Tests.Echo;

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
    public void Echoing_fields_keeps_each_key_once_with_its_first_value_in_sent_order()
    {
        KeyValuePair<string, StringValues>[] fields = [new("b", new(["2", "3"])), new("a", "1"), new("A", "4"), new("b", "5"), new("e", StringValues.Empty)];

        var echoed = _service.EchoFields(fields);

        Assert.That(echoed, Is.EqualTo(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1", ["A"] = "4", ["e"] = "" }));
        Assert.That(echoed.Keys, Is.EqualTo(new[] { "b", "a", "A", "e" }));
    }

    [TestCase("jeej", "jeejAAA")]
    [TestCase("", "AAA")]
    [TestCase("a b é", "a b éAAA")]
    public void Transform_appends_AAA(string value, string expected) =>
        Assert.That(_service.Transform(value), Is.EqualTo(expected));
}
