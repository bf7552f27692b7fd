using System.Buffers;

namespace Api.Werkzeug.Converters;

/// <summary>Werkzeug's <c>uuid</c>: dashed 8-4-4-4-12 hex digits in either case only (Guid parsing takes more); answered in lower case.</summary>
internal sealed class UuidConverter : WerkzeugConverter<Guid>
{
    public const string Name = "flask-uuid";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public override ParameterSchema Schema { get; } = new(
        "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
        "A UUID in its dashed 8-4-4-4-12 hexadecimal form, in either case, sent as written.");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out Guid value)
    {
        value = default;
        if (segment.Length != 36) return false;

        for (var i = 0; i < segment.Length; i++)
        {
            var isDash = i is 8 or 13 or 18 or 23;
            if (isDash ? segment[i] != '-' : !HexDigits.Contains(segment[i])) return false;
        }

        value = Guid.ParseExact(segment, "D");
        return true;
    }
}
