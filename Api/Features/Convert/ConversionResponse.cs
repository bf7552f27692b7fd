namespace Api.Features.Convert;

/// <summary>The answer of every <c>/convert/{converter}/{value}</c> route: the converter's name and the typed value.</summary>
[SchemaName("ConversionOf{0}")]
public sealed record ConversionResponse<T>(string Converter, T Value)
    where T : notnull;
