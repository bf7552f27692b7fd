using System.Diagnostics;
using System.Diagnostics.Tracing;

/// <summary>Run by the runtime before <c>Main</c> when its assembly is named in <c>DOTNET_STARTUP_HOOKS</c>.</summary>
internal static class StartupHook
{
    public static void Initialize() => _ = new StartupServicesListener(Environment.GetEnvironmentVariable("STARTUP_SERVICES_OUT") ?? "startup-services.tsv");
}

/// <summary>
/// Writes a line (ms since launch, event, service type) for each service the container is asked for (from the root
/// or a scope) and each call site it builds, and the server's "ready" and first "request" marks; stops at the first request.
/// </summary>
internal sealed class StartupServicesListener(string path) : EventListener
{
    private readonly StreamWriter _output = new(path) { AutoFlush = true };
    private readonly DateTime _launched = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly Lock _gate = new();
    private bool _firstRequestSeen;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Extensions-DependencyInjection") EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        if (eventSource.Name == "Microsoft.AspNetCore.Hosting") EnableEvents(eventSource, EventLevel.Informational);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var mark = eventData.EventName switch
        {
            "ServiceResolved" => "resolved",
            "CallSiteBuilt" => "built",
            "ServerReady" => "ready",
            "RequestStart" => "request",
            _ => null,
        };
        // A large call site comes in several chunks: the first one counts it.
        if (mark is null || (mark == "built" && eventData.Payload?[2] is int chunk && chunk > 0)) return;
        lock (_gate)
        {
            if (_firstRequestSeen) return;
            var ms = (eventData.TimeStamp.ToUniversalTime() - _launched).TotalMilliseconds;
            var service = mark is "resolved" or "built" ? eventData.Payload?[0] : "";
            _output.WriteLine($"{ms:F1}\t{mark}\t{service}");
            _firstRequestSeen = mark == "request";
        }
    }
}
