namespace Api.Werkzeug.Converters;

/// <summary>Werkzeug's <c>path</c> on a catch-all parameter: the rest of the path, never empty nor starting with a slash.</summary>
internal sealed class PathConverter : WerkzeugConverter<string>
{
    public const string Name = "flask-path";

    public override ParameterSchema Schema { get; } = new(
        @"^[^/\x00][^\x00]*$",
        "The rest of the path: one or more segments (a slash may be sent as is or as `%2F`), a trailing slash kept; no NUL, which the server refuses.");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out string value)
    {
        value = segment;
        return segment.Length > 0 && segment[0] != '/';
    }
}
