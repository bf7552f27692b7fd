using System.Diagnostics.Metrics;
using Api.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Api.Tests.Logging;

/// <summary>
/// An unhandled exception in the log and the metrics, in memory (the request log itself, its fields, trace and settings:
/// RequestLogLineTests, RealServer/LogSettingsTests and Observability on the real process).
/// </summary>
public sealed class RequestLogTests : ApiTestBase
{
    private const string RequestLog = "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware";

    [Test]
    public async Task An_unhandled_exception_is_logged_once_as_an_error_with_the_trace_and_span_of_its_problem()
    {
        var logs = new CapturingLoggerProvider();
        var echo = new Moq.Mock<IEchoService>();
        echo.Setup(e => e.Greet()).Throws(new InvalidOperationException("boom"));
        var api = Factory.WithServices(s => s.AddSingleton<ILoggerProvider>(logs).AddSingleton(echo.Object));
        using var durations = new MetricCollector<double>(api.Services.GetRequiredService<IMeterFactory>(), "Microsoft.AspNetCore.Hosting", "http.server.request.duration");

        var response = await api.SendAsync(ApiRequest.Get("/"));
        await logs.WaitForAsync(e => e.Category == RequestLog);
        // Hosting records the duration once the answer is sent, which may be after the client has read it.
        await durations.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(5));

        var error = logs.Entries.Single(e => e.Level >= LogLevel.Error);
        Assert.That(error.Exception?.Message, Is.EqualTo("boom"));
        Assert.That(
            (string?)response.Json!["traceId"],
            Does.Contain($"-{error.GetStructuredStateValue("TraceId")}-{error.GetStructuredStateValue("SpanId")}-"),
            "the problem names the same trace and span");
        Assert.That(
            durations.GetMeasurementSnapshot().Select(duration => duration.Tags.GetValueOrDefault("error.type")),
            Does.Contain("System.InvalidOperationException"),
            "the request's duration is tagged with the exception's type");
    }

    /// <summary>The framework's fake logger provider, with a wait for an entry written after the answer.</summary>
    public sealed class CapturingLoggerProvider : FakeLoggerProvider
    {
        public IReadOnlyList<FakeLogRecord> Entries => Collector.GetSnapshot();

        public async Task WaitForAsync(Func<FakeLogRecord, bool> predicate) =>
            Assert.That(await Poll.UntilAsync(() => Task.FromResult(Entries.Any(predicate)), any => any, TimeSpan.FromSeconds(5)), Is.True, "the awaited log line was never written");
    }
}
