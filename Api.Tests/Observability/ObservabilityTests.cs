using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Api.Tests.Observability;

/// <summary>
/// What operators read, on the real process: Prometheus metrics after known requests, W3C trace
/// ids honouring an incoming <c>traceparent</c>, and metrics and trace export switched by configuration.
/// </summary>
[NonParallelizable]
public sealed partial class ObservabilityTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static Task<string> ScrapeAsync(ApiProcess api, Func<string, bool> until) =>
        Poll.UntilAsync(async () => (await api.GetAsync("/metrics")).Text, until, TimeSpan.FromSeconds(5));

    [Test]
    public async Task Metrics_count_each_request_by_route_method_and_status()
    {
        using var api = await ApiProcess.StartListeningAsync();
        for (var i = 0; i < 3; i++) await api.GetAsync("/convert/uuid/6f9619ff-8b86-d011-b42d-00c04fc964ff");

        await api.PostFormAsync("/exemple", "other=1");

        var metrics = await ScrapeAsync(api, text => text.Contains("http_response_status_code=\"400\"", StringComparison.Ordinal));
        Assert.That(metrics, Does.Match("""(?m)^http_server_request_duration_seconds_count\{[^}]*http_request_method="GET",http_response_status_code="200",http_route="convert/uuid/\{value:flask-uuid\}"[^}]*\} 3$"""));
        Assert.That(metrics, Does.Match("""(?m)^http_server_request_duration_seconds_count\{[^}]*http_request_method="POST",http_response_status_code="400",http_route="exemple"[^}]*\} 1$"""));
        Assert.That(metrics, Does.Match("(?m)^kestrel_active_connections"));
        Assert.That(metrics, Does.Match("(?m)^dotnet_gc_collections_total"));
        Assert.That(metrics, Does.Not.Contain("aspnetcore_rate_limiting"), "without the rate limiter, no rate limiting meter");
    }

    [Test]
    public async Task Metrics_cover_active_requests_rate_limiting_when_on_handled_exceptions_and_the_runtime()
    {
        using var api = await ApiProcess.StartListeningAsync(("RateLimiting__PermitLimit", "1000"));
        await api.GetAsync("/");
        // Broken chunking: Kestrel's exception, which the API's exception handler answers 400.
        await RawHttp.ExchangeAsync(api.Port, Encoding.ASCII.GetBytes(
            "POST /exemple HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), TimeSpan.FromSeconds(10));

        var metrics = await ScrapeAsync(api, text => text.Contains("aspnetcore_diagnostics_exceptions_total", StringComparison.Ordinal));

        string[] names =
        [
            "http_server_active_requests", "aspnetcore_rate_limiting_requests_total", "aspnetcore_diagnostics_exceptions_total",
            "dotnet_jit_compiled_methods_total", "dotnet_thread_pool_thread_count_total", "dotnet_process_cpu_time_seconds_total",
            "dotnet_process_memory_working_set_bytes",
        ];
        foreach (var name in names)
        {
            Assert.That(metrics, Does.Match($"(?m)^{name}[{{ ]"), name);
        }
    }

    [Test]
    public async Task An_incoming_traceparent_is_the_trace_of_the_problem_and_of_the_log_line_and_without_one_every_answer_has_a_new_trace()
    {
        using var api = await ApiProcess.StartListeningAsync();

        var response = await api.SendAsync(new ApiRequest("GET", "/nope") { Headers = [new("traceparent", TraceParent)] });
        var logged = await api.WaitForOutputAsync(line => line.Contains("Path: /nope", StringComparison.Ordinal));
        var first = (string?)(await api.GetAsync("/nope")).Json!["traceId"];
        var second = (string?)(await api.GetAsync("/nope")).Json!["traceId"];

        var traceId = (string?)response.Json!["traceId"];
        Assert.That(traceId, Does.Match("^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$"), "stays sampled");
        Assert.That(logged, Does.Contain($"TraceId: 0af7651916cd43dd8448eb211c80319c SpanId: {traceId![36..52]} StatusCode: 404"));
        Assert.That(new[] { first, second }, Has.All.Match(W3CTraceId()));
        Assert.That(first![3..35], Is.Not.EqualTo(second![3..35]));
    }

    [TestCase(null, "flask-tutorial-api", "orders-edge")]
    [TestCase("orders-edge", "orders-edge", "flask-tutorial-api")]
    [Setting("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public async Task Traces_go_to_the_configured_otlp_endpoint_under_flask_tutorial_api_unless_OTEL_SERVICE_NAME_names_another_service(
        string? serviceName, string expected, string other)
    {
        using var collector = new OtlpCollector();
        using var api = await ApiProcess.StartListeningAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"), ("OTEL_BSP_SCHEDULE_DELAY", "100"),
            ("OTEL_SERVICE_NAME", serviceName));

        await api.SendAsync(new ApiRequest("GET", "/test/42") { Headers = [new("traceparent", TraceParent)] });
        var logged = await api.WaitForOutputAsync(line => line.Contains("Path: /test/42", StringComparison.Ordinal));

        var export = await collector.NextExportAsync(TimeSpan.FromSeconds(20));
        Assert.That(export?.Path, Is.EqualTo("/v1/traces"));
        // The span's trace and span ids travel as raw bytes in the protobuf body (the log line's own), the resource's service.name as UTF-8 text.
        var spanId = LoggedSpanId().Match(logged!).Groups[1].Value;
        Assert.That(Convert.ToHexStringLower(export!.Body), Does.Contain("0af7651916cd43dd8448eb211c80319c").And.Contain(spanId));
        Assert.That(Encoding.UTF8.GetString(export.Body), Does.Contain("service.name").And.Contain(expected).And.Not.Contain(other));
    }

    [Test]
    [Setting("Metrics:Enabled")]
    public async Task Metrics_can_be_switched_off_and_without_an_otlp_endpoint_nothing_is_exported()
    {
        // The port an exporter sends to when none is configured (OTLP over HTTP).
        using var collector = new OtlpCollector(4318);
        using var api = await ApiProcess.StartListeningAsync(("Metrics__Enabled", "false"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"), ("OTEL_BSP_SCHEDULE_DELAY", "100"));

        ProblemAssert.IsProblem(await api.GetAsync("/metrics"), 404);
        await api.SendAsync(new ApiRequest("GET", "/test/42") { Headers = [new("traceparent", TraceParent)] });

        Assert.That(await collector.NextExportAsync(TimeSpan.FromSeconds(2)), Is.Null);
    }

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$")]
    private static partial Regex W3CTraceId();

    [GeneratedRegex("SpanId: ([0-9a-f]{16}) ")]
    private static partial Regex LoggedSpanId();

    /// <summary>An OTLP/HTTP receiver on loopback that records what is posted to it and answers 200.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();

        public OtlpCollector(int? port = null)
        {
            var chosen = port ?? FreePort();
            Endpoint = $"http://127.0.0.1:{chosen}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
        }

        public string Endpoint { get; }

        public sealed record Export(string Path, byte[] Body);

        public async Task<Export?> NextExportAsync(TimeSpan timeout)
        {
            var context = _listener.GetContextAsync();
            if (await Task.WhenAny(context, Task.Delay(timeout)) != context) return null;

            var request = (await context).Request;
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            (await context).Response.Close();
            return new Export(request.Url!.AbsolutePath, body.ToArray());
        }

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
