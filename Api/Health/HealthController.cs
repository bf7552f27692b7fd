using Api.OpenApi;
using Api.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Api.Health;

/// <summary>Liveness and readiness probes for orchestrators and load balancers.</summary>
[Tags(ApiTags.Operations)]
[DisableRateLimiting]
public sealed class HealthController(HealthCheckService health) : ControllerBase
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    [HttpGet("/healthz", Name = "liveness")]
    [EndpointSummary("Liveness")]
    [EndpointDescription("200 while the process can answer requests; restart it when this fails.")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK, ResponseBody.Json)]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status503ServiceUnavailable, ResponseBody.Json)]
    [ResponseExample(StatusCodes.Status200OK, """{"status":"Healthy","checks":{"self":"Healthy"}}""")]
    [ResponseExample(StatusCodes.Status503ServiceUnavailable, """{"status":"Unhealthy","checks":{"self":"Unhealthy"}}""")]
    public Task<IActionResult> Live() => ReportAsync(LiveTag);

    [HttpGet("/readyz", Name = "readiness")]
    [EndpointSummary("Readiness")]
    [EndpointDescription("200 once started and until shutdown begins; 503 otherwise, so that a load balancer sends no new traffic.")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK, ResponseBody.Json)]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status503ServiceUnavailable, ResponseBody.Json)]
    [ResponseExample(StatusCodes.Status200OK, """{"status":"Healthy","checks":{"lifetime":"Healthy"}}""")]
    [ResponseExample(StatusCodes.Status503ServiceUnavailable, """{"status":"Unhealthy","checks":{"lifetime":"Unhealthy"}}""")]
    public Task<IActionResult> Ready() => ReportAsync(ReadyTag);

    private async Task<IActionResult> ReportAsync(string tag)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(tag), HttpContext.RequestAborted);
        var body = new HealthResponse(
            report.Status.ToString(),
            report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString(), StringComparer.Ordinal));
        var result = BodyResult.Json(body, HealthJsonContext.Default.HealthResponse);
        return report.Status == HealthStatus.Unhealthy
            ? new StatusResult(StatusCodes.Status503ServiceUnavailable, result)
            : result;
    }
}
