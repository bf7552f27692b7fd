namespace Api.Werkzeug.Converters;

/// <summary>
/// Werkzeug's <c>float</c>: digits, a dot, digits (not <c>1</c>, <c>.5</c>, <c>1e5</c>, <c>-1.0</c>,
/// <c>NaN</c>), within a double's range, since JSON has no Infinity.
/// </summary>
internal sealed class FloatConverter : WerkzeugConverter<double>
{
    public const string Name = "flask-float";

    public override ParameterSchema Schema { get; } = new(
        @"^\p{Nd}+\.\p{Nd}+$",
        "A non-negative decimal number written as digits, a dot and digits (`1.5`, `2.0`; not `1`, `.5` or `1e5`), " +
        "sent as written. A value beyond a double's range converts to no number: 404.");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out double value)
    {
        value = default;
        var dot = segment.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0
            && UnicodeDigits.ToAscii(segment[..dot]) is { } whole
            && UnicodeDigits.ToAscii(segment[(dot + 1)..]) is { } fraction
            && double.TryParse($"{whole}.{fraction}", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}
