namespace Api.Logging;

/// <summary>One log line per request (section <c>RequestLogging</c>), on by default.</summary>
internal sealed class RequestLoggingOptions
{
    public const string Section = "RequestLogging";

    public bool Enabled { get; set; } = true;
}
