namespace Api.Werkzeug.Converters;

/// <summary>The tutorial's custom converter: one segment split on '+' (<c>a++b</c> is <c>["a","","b"]</c>).</summary>
internal sealed class ListConverter : WerkzeugConverter<string[]>
{
    public const string Name = "flask-list";

    public override ParameterSchema Schema { get; } = new(
        @"^[^/\x00]+$",
        "One path segment, split on `+` into a list of strings (`a+b+c`); any character but `/` and NUL, which the server refuses.");

    public override bool TryConvert(string segment, [MaybeNullWhen(false)] out string[] value)
    {
        value = segment.Split('+');
        return segment.Length > 0 && !segment.Contains('/', StringComparison.Ordinal);
    }
}
