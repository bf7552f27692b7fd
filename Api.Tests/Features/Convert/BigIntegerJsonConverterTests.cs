using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Api.Features.Convert;

namespace Api.Tests.Features.Convert;

public sealed class BigIntegerJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new BigIntegerJsonConverter() } };

    [TestCase("0")]
    [TestCase("18446744073709551616")]
    [TestCase("-123456789012345678901234567890")]
    public void An_integer_of_any_size_is_written_exactly_and_reads_back_as_the_same_value(string json)
    {
        var value = BigInteger.Parse(json, CultureInfo.InvariantCulture);

        Assert.That(JsonSerializer.Serialize(value, Options), Is.EqualTo(json));
        Assert.That(JsonSerializer.Deserialize<BigInteger>(json, Options), Is.EqualTo(value));
    }
}
