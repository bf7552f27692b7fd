using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Api.Observability;

internal static class ObservabilityExtensions
{
    public const string ServiceName = "flask-tutorial-api";

    // System.Runtime: all OpenTelemetry's runtime instrumentation adds on .NET 9+.
    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics",
        "System.Runtime",
        "Microsoft.EntityFrameworkCore", "Npgsql",
    ];

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<MetricsEndpointSettings>(MetricsEndpointSettings.Section);
        var otel = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName));
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not null || configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] is not null)
        {
            otel.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddNpgsql().AddOtlpExporter());
        }
        else
        {
            // A bare listener gives each request its trace id; OpenTelemetry's would turn on MVC's diagnostic events on every action.
            services.AddSingleton<IStartupFilter, RequestActivities>();
            services.AddSingleton(_ => new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
                // A sampled incoming traceparent stays sampled: its flag comes back in the trace id.
                Sample = (ref ActivityCreationOptions<ActivityContext> request) =>
                    request.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
            });
        }

        // Read now, not through IOptions: the instrumentation registers services of its own; the settings' validation names a bad value.
        if (!bool.TryParse(configuration[$"{MetricsEndpointSettings.Section}:Enabled"], out var enabled) || enabled)
            otel.WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (app.Services.GetService<MeterProvider>() is null) return app;

        // No cache may keep a scrape: each must count the process's requests as they are now.
        app.MapPrometheusScrapingEndpoint(MetricsEndpointSettings.Path, meterProvider: null, optionsName: null, configureBranchedPipeline: metrics =>
                metrics.Use((context, next) => { context.Response.Headers.CacheControl = "no-store"; return next(context); }))
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .AnswerHeadLikeGet()
            .DisableRateLimiting();
        return app;
    }

    // Before the server takes its first request; the container disposes the listener.
    private sealed class RequestActivities(ActivityListener listener) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        {
            ActivitySource.AddActivityListener(listener);
            return next;
        }
    }
}

internal sealed class MetricsEndpointSettings
{
    public const string Section = "Metrics";
    public const string Path = "/metrics";
    public bool Enabled { get; set; } = true;
}
