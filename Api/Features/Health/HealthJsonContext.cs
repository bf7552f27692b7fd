namespace Api.Features.Health;

[JsonSerializable(typeof(HealthyResponse))]
[JsonSerializable(typeof(UnhealthyResponse))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
