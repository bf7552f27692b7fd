using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Api.Werkzeug.Converters;

/// <summary>
/// Werkzeug's <c>float</c>: digits, a dot, digits, and nothing else (<c>1</c>, <c>.5</c>,
/// <c>1e5</c>, <c>-1.0</c> and <c>NaN</c> do not match). A value beyond a double's range does not
/// match either: JSON has no Infinity.
/// </summary>
public sealed class FloatConverter : WerkzeugConverter<double>
{
    public const string Name = "flask-float";

    public override ParameterSchema Schema { get; } = new(
        @"^\p{Nd}+\.\p{Nd}+$",
        "A non-negative decimal number written as digits, a dot and digits (`1.5`, `2.0`; not `1`, `.5` or `1e5`), " +
        "sent as written. A value beyond a double's range converts to no number: 404.");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out double value)
    {
        ArgumentNullException.ThrowIfNull(segment);
        value = default;
        var dot = segment.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0
            && UnicodeDigits.ToAscii(segment[..dot]) is { } whole
            && UnicodeDigits.ToAscii(segment[(dot + 1)..]) is { } fraction
            && double.TryParse($"{whole}.{fraction}", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}
