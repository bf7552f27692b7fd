using System.Diagnostics.CodeAnalysis;

namespace Api.Werkzeug.Converters;

/// <summary>
/// Werkzeug's default converter (<c>UnicodeConverter</c>, <c>&lt;value&gt;</c>): one non-empty path
/// segment, taken exactly as decoded. A plain route parameter (<c>{value}</c>) matches exactly what
/// it accepts and keeps the lowest precedence, so that typed routes beside it win as Werkzeug's
/// weights make them: routes use no constraint for it, and the OpenAPI document describes such a
/// parameter with its schema.
/// </summary>
public sealed class UnicodeConverter : WerkzeugConverter<string>
{
    public override ParameterSchema Schema { get; } = new(
        "string",
        null,
        "^[^/]+$",
        "One non-empty path segment, percent-decoded.")
    {
        MinLength = 1,
    };

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(segment);
        value = segment;
        return segment.Length > 0 && !segment.Contains('/', StringComparison.Ordinal);
    }
}
