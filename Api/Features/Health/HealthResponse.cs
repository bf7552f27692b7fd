using System.Text.Json.Serialization;

namespace Api.Features.Health;

/// <summary>The answer of <c>/healthz</c> and <c>/readyz</c>: the overall status and each check's.</summary>
public sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, string> Checks);
