using System.Buffers;

namespace Api.Werkzeug;

/// <summary>A Werkzeug converter as a route constraint, which puts the converted value in the route values.</summary>
internal abstract class WerkzeugConverter<T> : WerkzeugConverter, IRouteConstraint
{
    public abstract bool TryConvert(string segment, [MaybeNullWhen(false)] out T value);

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        if (!values.TryGetValue(routeKey, out var raw) || raw is not string segment || !TryConvert(segment, out var value)) return false;
        values[routeKey] = value;
        return true;
    }
}

internal abstract class WerkzeugConverter
{
    // Werkzeug's default converter: a plain {value} matches one non-empty segment with the lowest precedence, as Werkzeug's weights.
    public static ParameterSchema DefaultSchema { get; } = new(@"^[^/\x00]+$", "One non-empty path segment, percent-decoded; any character but `/` and NUL, which the server refuses.", "abc");

    public abstract ParameterSchema Schema { get; }
}

internal sealed record ParameterSchema(string Pattern, string Description, string Example);

internal sealed class IntegerConverter : WerkzeugConverter<BigInteger>
{
    public const string Name = "flask-int";

    public override ParameterSchema Schema { get; } = new(
        @"^\p{Nd}+$", "An unsigned integer of any size, written in decimal digits and sent as written; leading zeros are allowed.", "42");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out BigInteger value)
    {
        value = default;
        return ToAscii(segment) is { } digits && BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // Python's int() and float() read any Unicode digit: /test/%D9%A3 is test 3.
    public static string? ToAscii(string text)
    {
        if (text.Length == 0 || !text.AsSpan().ContainsAnyExceptInRange('0', '9')) return text.Length == 0 ? null : text;
        var ascii = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.DecimalDigitNumber) return null;
            ascii.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
        }

        return ascii.ToString();
    }
}

// Within a double's range: JSON has no Infinity.
internal sealed class FloatConverter : WerkzeugConverter<double>
{
    public const string Name = "flask-float";

    public override ParameterSchema Schema { get; } = new(
        @"^\p{Nd}+\.\p{Nd}+$",
        "A non-negative decimal number written as digits, a dot and digits (`1.5`, `2.0`; not `1`, `.5` or `1e5`), " +
        "sent as written. A value beyond a double's range converts to no number: 404.",
        "1.5");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out double value)
    {
        value = default;
        var dot = segment.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0
            && IntegerConverter.ToAscii(segment[..dot]) is { } whole
            && IntegerConverter.ToAscii(segment[(dot + 1)..]) is { } fraction
            && double.TryParse($"{whole}.{fraction}", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}

internal sealed class PathConverter : WerkzeugConverter<string>
{
    public const string Name = "flask-path";

    public override ParameterSchema Schema { get; } = new(
        @"^[^/\x00][^\x00]*$",
        "The rest of the path: one or more segments (a slash may be sent as is or as `%2F`), a trailing slash kept; no NUL, which the server refuses.",
        "a/b/");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out string value)
    {
        value = segment;
        return segment.Length > 0 && segment[0] != '/';
    }
}

// Guid parsing takes more than dashed 8-4-4-4-12 hex digits.
internal sealed class UuidConverter : WerkzeugConverter<Guid>
{
    public const string Name = "flask-uuid";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public override ParameterSchema Schema { get; } = new(
        "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
        "A UUID in its dashed 8-4-4-4-12 hexadecimal form, in either case, sent as written.",
        "6F9619FF-8B86-D011-B42D-00C04FC964FF");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out Guid value)
    {
        value = default;
        if (segment.Length != 36) return false;
        for (var i = 0; i < segment.Length; i++)
        {
            if (i is 8 or 13 or 18 or 23 ? segment[i] != '-' : !HexDigits.Contains(segment[i])) return false;
        }

        value = Guid.ParseExact(segment, "D");
        return true;
    }
}

internal sealed class ListConverter : WerkzeugConverter<string[]>
{
    public const string Name = "flask-list";

    public override ParameterSchema Schema { get; } = new(
        @"^[^/\x00]+$",
        "One path segment, split on `+` into a list of strings (`a+b+c`); any character but `/` and NUL, which the server refuses.",
        "a+b");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out string[] value)
    {
        value = segment.Split('+');
        return segment.Length > 0 && !segment.Contains('/', StringComparison.Ordinal);
    }
}

// MVC's binding would turn a segment of spaces into null, and a list into its text.
internal sealed class RouteValueBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ActionContext.RouteData.Values.GetValueOrDefault(bindingContext.FieldName);
        bindingContext.Result = bindingContext.ModelType.IsInstanceOfType(value)
            ? ModelBindingResult.Success(value)
            : throw new InvalidOperationException(
                $"Route parameter '{bindingContext.FieldName}' is a {bindingContext.ModelType.Name}, but its converter gives {value?.GetType().Name ?? "nothing"}.");
        return Task.CompletedTask;
    }
}
