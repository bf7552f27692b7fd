using System.Diagnostics.CodeAnalysis;

namespace Api.Constraints;

/// <summary>
/// Werkzeug's <c>path</c>: the rest of the path, slashes and a trailing slash included; never
/// empty and never starting with a slash. Used on a catch-all parameter (<c>{**value}</c>).
/// </summary>
public sealed class PathConverter : WerkzeugConverter<string>
{
    public const string Name = "flask-path";

    public override string Pattern => "^[^/].*$";

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(segment);
        value = segment;
        return segment.Length > 0 && segment[0] != '/';
    }
}
