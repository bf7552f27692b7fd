namespace Api.Werkzeug.Converters;

/// <summary>Werkzeug's <c>int</c>: decimal digits only, leading zeros allowed (<c>007</c> is 7), of any size.</summary>
internal sealed class IntegerConverter : WerkzeugConverter<BigInteger>
{
    public const string Name = "flask-int";

    public override ParameterSchema Schema { get; } = new(
        @"^\p{Nd}+$",
        "An unsigned integer of any size, written in decimal digits and sent as written; leading zeros are allowed.");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out BigInteger value)
    {
        value = default;
        return UnicodeDigits.ToAscii(segment) is { } digits && BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
