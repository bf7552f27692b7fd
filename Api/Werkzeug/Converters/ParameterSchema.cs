namespace Api.Werkzeug.Converters;

/// <summary>
/// How a converter's parameter is described in the OpenAPI document: a string, as it is sent, with a
/// pattern (ECMA-262, Unicode) that accepts exactly the segments the converter accepts.
/// </summary>
public sealed record ParameterSchema(string Pattern, string Description);
