namespace Api.Features.Exemple;

[JsonSerializable(typeof(ExempleResponse))]
internal sealed partial class ExempleJsonContext : JsonSerializerContext;
