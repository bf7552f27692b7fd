namespace Api.Features.Convert;

/// <summary>The answer of every <c>/convert/{converter}/{value}</c> route: the converter's name and the typed value.</summary>
public sealed record ConversionResponse<T>(string Converter, T Value);

/// <summary>Writes a <see cref="BigInteger"/> as an exact JSON number, however many digits it has; the API reads none.</summary>
internal sealed class BigIntegerJsonConverter : JsonConverter<BigInteger>
{
    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

    // Stryker disable once Boolean: a BigInteger's digits are always a JSON number; checking them again would only take time
    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
}
