using System.Text.Json.Serialization;

namespace Api.Features.Health;

[JsonSerializable(typeof(HealthResponse))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
