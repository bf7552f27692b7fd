using System.Diagnostics.CodeAnalysis;

namespace Api.Werkzeug.Converters;

/// <summary>
/// Werkzeug's <c>path</c>: the rest of the path, slashes and a trailing slash included; never
/// empty and never starting with a slash. Used on a catch-all parameter (<c>{**value}</c>).
/// </summary>
public sealed class PathConverter : WerkzeugConverter<string>
{
    public const string Name = "flask-path";

    public override ParameterSchema Schema { get; } = new(
        @"^[^/][\s\S]*$",
        "The rest of the path: one or more segments (a slash may be sent as is or as `%2F`), a trailing slash kept.");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(segment);
        value = segment;
        return segment.Length > 0 && segment[0] != '/';
    }
}
