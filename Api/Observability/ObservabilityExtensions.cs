using Api.Settings;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Api.Observability;

public static class ObservabilityExtensions
{
    public const string ServiceName = "flask-tutorial-api";

    /// <summary>
    /// OpenTelemetry: every request has an Activity, so its W3C trace id (from an incoming
    /// <c>traceparent</c>, or new) is in every problem and log line; traces are exported over OTLP
    /// when the standard <c>OTEL_EXPORTER_OTLP_*</c> variables name an endpoint, and only then; and
    /// ASP.NET Core's and the runtime's meters are read for Prometheus unless <c>Metrics:Enabled</c> is false.
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<MetricsOptions>(MetricsOptions.Section);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation();
                if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not null || configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] is not null)
                {
                    tracing.AddOtlpExporter();
                }
                else
                {
                    // Nothing to export to: each request still gets its Activity and trace id, without recording it.
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            })
            .WithMetrics(metrics =>
            {
                // Read now rather than through IOptions: the instrumentation registers services of its own.
                if (configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Enabled ?? true)
                {
                    metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter();
                }
            });
        return services;
    }

    /// <summary>The Prometheus scraping endpoint, unless metrics are off. Scrapers are not rate limited.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsOptions.Path).DisableRateLimiting();
        }

        return app;
    }
}
