namespace Api.Observability;

/// <summary>Metrics for Prometheus at <c>/metrics</c> (section <c>Metrics</c>), on by default.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public const string Path = "/metrics";

    public bool Enabled { get; set; } = true;
}
