namespace Api.Werkzeug.Converters;

/// <summary>A converter's parameter in the OpenAPI document: a string with a pattern accepting exactly its segments.</summary>
internal sealed record ParameterSchema(string Pattern, string Description);
