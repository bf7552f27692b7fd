namespace Api.Features.Convert;

/// <summary>The answer of every <c>/convert/{converter}/{value}</c> route: the converter's name and the typed value.</summary>
public sealed record ConversionResponse<T>(
    [property: JsonPropertyName("converter")] string Converter,
    [property: JsonPropertyName("value")] T Value);
