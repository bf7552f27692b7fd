namespace Api.Features.Health;

/// <summary>A probe's answer while the API can serve (200): <c>Healthy</c> (or <c>Degraded</c>), and each check's status.</summary>
public sealed record HealthyResponse(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>A probe's answer when a check fails (503): <c>Unhealthy</c>, and each check's status.</summary>
public sealed record UnhealthyResponse(string Status, IReadOnlyDictionary<string, string> Checks);
