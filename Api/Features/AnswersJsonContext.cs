using Api.Features.Exemple;
using Api.Features.Health;
using Api.Features.Items;

namespace Api.Features;

// Faster than reflection, which writes any other type.
[JsonSerializable(typeof(ConversionResponse<string>))]
[JsonSerializable(typeof(ConversionResponse<BigInteger>))]
[JsonSerializable(typeof(ConversionResponse<double>))]
[JsonSerializable(typeof(ConversionResponse<string[]>))]
[JsonSerializable(typeof(ExempleResponse))]
[JsonSerializable(typeof(ItemResponse))]
[JsonSerializable(typeof(ItemPageResponse))]
[JsonSerializable(typeof(ItemRequest))]
[JsonSerializable(typeof(HealthyResponse))]
[JsonSerializable(typeof(UnhealthyResponse))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(ValidationProblemDetails))]
[JsonSerializable(typeof(string))]
internal sealed partial class AnswersJsonContext : JsonSerializerContext;
