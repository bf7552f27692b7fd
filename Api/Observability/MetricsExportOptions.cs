namespace Api.Observability;

/// <summary>Metrics for Prometheus at <c>/metrics</c> (section <c>Metrics</c>), on by default.</summary>
internal sealed class MetricsExportOptions
{
    public const string Section = "Metrics";

    public const string Path = "/metrics";

    public bool Enabled { get; set; } = true;
}
