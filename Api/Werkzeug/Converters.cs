using System.Buffers;

namespace Api.Werkzeug;

/// <summary>A Werkzeug converter as a route constraint: it accepts exactly the segments the converter does, and puts the
/// converted value in the route values for <see cref="RouteValueBinder"/> to bind.</summary>
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

/// <summary>A converter seen without its value type, as the OpenAPI document describes it.</summary>
internal abstract class WerkzeugConverter
{
    /// <summary>Werkzeug's default converter, one non-empty decoded segment: a plain <c>{value}</c> matches exactly that with
    /// the lowest precedence, so typed routes beside it win as Werkzeug's weights make them; it needs no constraint.</summary>
    public static ParameterSchema DefaultSchema { get; } = new(@"^[^/\x00]+$", "One non-empty path segment, percent-decoded; any character but `/` and NUL, which the server refuses.", "abc");

    /// <summary>The parameter's schema in the OpenAPI document: exactly the segments the converter accepts.</summary>
    public abstract ParameterSchema Schema { get; }
}

/// <summary>A converter's parameter in the OpenAPI document: a string with a pattern accepting exactly its segments, and a segment it accepts.</summary>
internal sealed record ParameterSchema(string Pattern, string Description, string Example);

/// <summary>Werkzeug's <c>int</c>: decimal digits only, leading zeros allowed (<c>007</c> is 7), of any size.</summary>
internal sealed class IntegerConverter : WerkzeugConverter<BigInteger>
{
    public const string Name = "flask-int";

    public override ParameterSchema Schema { get; } = new(
        @"^\p{Nd}+$", "An unsigned integer of any size, written in decimal digits and sent as written; leading zeros are allowed.", "42");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out BigInteger value)
    {
        value = default;
        return UnicodeDigits.ToAscii(segment) is { } digits && BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>Werkzeug's <c>float</c>: digits, a dot, digits (not <c>1</c>, <c>.5</c>, <c>1e5</c>, <c>-1.0</c>, <c>NaN</c>),
/// within a double's range, since JSON has no Infinity.</summary>
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
            && UnicodeDigits.ToAscii(segment[..dot]) is { } whole
            && UnicodeDigits.ToAscii(segment[(dot + 1)..]) is { } fraction
            && double.TryParse($"{whole}.{fraction}", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}

/// <summary>Werkzeug's <c>path</c> on a catch-all parameter: the rest of the path, never empty nor starting with a slash.</summary>
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

/// <summary>Werkzeug's <c>uuid</c>: dashed 8-4-4-4-12 hex digits in either case only (Guid parsing takes more); answered in lower case.</summary>
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

/// <summary>The tutorial's custom converter: one segment split on '+' (<c>a++b</c> is <c>["a","","b"]</c>).</summary>
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

/// <summary>Python's <c>int()</c> and <c>float()</c> read any Unicode digit: <c>/test/%D9%A3</c> is <c>test 3</c>.</summary>
internal static class UnicodeDigits
{
    /// <summary>The ASCII digits of a run of one or more decimal digits, or null when the text is empty or holds anything else.</summary>
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

/// <summary>Binds a route parameter of <see cref="WerkzeugRulesAttribute"/>'s controllers to the value its converter made, or to
/// the segment as decoded (MVC's binding would turn a segment of spaces into null, and a list into its text).</summary>
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
