namespace Api.Werkzeug.Converters;

/// <summary>
/// How a converter's parameter is described in the OpenAPI document: the JSON type of its value,
/// its format, and a pattern (ECMA-262, Unicode) that accepts exactly the segments it accepts.
/// </summary>
public sealed record ParameterSchema(string Type, string? Format, string Pattern, string Description)
{
    /// <summary>The smallest value, for integers.</summary>
    public int? Minimum { get; init; }

    /// <summary>The shortest text, for strings.</summary>
    public int? MinLength { get; init; }
}
