using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Api.Werkzeug.Converters;

/// <summary>
/// Werkzeug's <c>int</c>: one or more decimal digits, no sign, no spaces, leading zeros
/// allowed, any length (<c>007</c> is 7, 2^64 and beyond stay exact).
/// </summary>
public sealed class IntegerConverter : WerkzeugConverter<BigInteger>
{
    public const string Name = "flask-int";

    public override ParameterSchema Schema { get; } = new(
        @"^\p{Nd}+$",
        "An unsigned integer of any size, written in decimal digits and sent as written; leading zeros are allowed.");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out BigInteger value)
    {
        ArgumentNullException.ThrowIfNull(segment);
        value = default;
        return UnicodeDigits.ToAscii(segment) is { } digits && BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
