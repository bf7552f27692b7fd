namespace Api.Features.Convert;

[JsonSerializable(typeof(ConversionResponse<string>))]
[JsonSerializable(typeof(ConversionResponse<BigInteger>))]
[JsonSerializable(typeof(ConversionResponse<double>))]
[JsonSerializable(typeof(ConversionResponse<string[]>))]
internal sealed partial class ConvertJsonContext : JsonSerializerContext;
