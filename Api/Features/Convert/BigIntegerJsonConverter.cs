namespace Api.Features.Convert;

/// <summary>Writes a <see cref="BigInteger"/> as an exact JSON number, however many digits it has, and reads one back.</summary>
internal sealed class BigIntegerJsonConverter : JsonConverter<BigInteger>
{
    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return BigInteger.Parse(document.RootElement.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    // Stryker disable once Boolean: a BigInteger's digits are always a JSON number; checking them again would only take time
    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
}
