namespace Api.Werkzeug.Converters;

/// <summary>
/// A Werkzeug converter as a route constraint: it accepts exactly the segments the converter does,
/// and puts the converted value in the route values for <see cref="RouteValueBinder"/> to bind.
/// </summary>
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
    /// <summary>
    /// Werkzeug's default converter: one non-empty segment, as decoded. A plain route parameter
    /// (<c>{value}</c>) matches exactly that and keeps the lowest precedence, so that typed routes
    /// beside it win as Werkzeug's weights make them: it needs no constraint of its own.
    /// </summary>
    public static ParameterSchema DefaultSchema { get; } = new(@"^[^/\x00]+$", "One non-empty path segment, percent-decoded; any character but `/` and NUL, which the server refuses.");

    /// <summary>The parameter's schema in the OpenAPI document: exactly the segments the converter accepts.</summary>
    public abstract ParameterSchema Schema { get; }
}

/// <summary>A converter's parameter in the OpenAPI document: a string with a pattern accepting exactly its segments.</summary>
internal sealed record ParameterSchema(string Pattern, string Description);
