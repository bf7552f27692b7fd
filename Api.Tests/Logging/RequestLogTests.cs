using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Api.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Api.Tests.Logging;

/// <summary>
/// One log entry per request with its fields, the W3C trace and span ids among them; none when
/// switched off; never the query string.
/// </summary>
public sealed class RequestLogTests : ApiTestBase
{
    private const string RequestLog = "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware";

    private (InMemoryApi Api, CapturingLoggerProvider Logs) Capturing(params (string, string)[] settings)
    {
        var logs = new CapturingLoggerProvider();
        var api = Factory.With(settings).WithServices(s => s.AddSingleton<ILoggerProvider>(logs));
        return (api, logs);
    }

    [Test]
    public async Task Each_request_logs_one_entry_with_method_path_status_duration_client_and_trace()
    {
        var (api, logs) = Capturing();

        var response = await api.SendAsync(new ApiRequest("DELETE", "/test?token=secret"));
        await logs.WaitForAsync(e => e.Category == RequestLog);

        var entries = logs.Entries.Where(e => e.Category == RequestLog).ToList();
        Assert.That(entries, Has.Count.EqualTo(1));
        var fields = entries[0].State.ToDictionary(p => p.Key, p => p.Value);
        Assert.That(fields["Method"], Is.EqualTo("DELETE"));
        Assert.That(fields["Path"]?.ToString(), Is.EqualTo("/test"));
        Assert.That(fields["StatusCode"], Is.EqualTo(405));
        Assert.That(fields["Duration"], Is.TypeOf<double>().And.GreaterThanOrEqualTo(0));
        Assert.That(fields, Does.ContainKey("Client"));
        Assert.That(fields["TraceId"] as string, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(fields["SpanId"] as string, Does.Match("^[0-9a-f]{16}$"));
        Assert.That((string?)response.Json!["traceId"], Does.Contain($"-{fields["TraceId"]}-{fields["SpanId"]}-"), "the problem names the same trace and span");
        Assert.That(entries[0].Message, Does.Not.Contain("secret"));
    }

    [Test]
    public async Task An_incoming_trace_is_continued_and_its_sampled_flag_kept()
    {
        var (api, logs) = Capturing();
        const string Trace = "4bf92f3577b34da6a3ce929d0e0e4736";

        var response = await api.SendAsync(ApiRequest.Get("/nope") with { Headers = [new("traceparent", $"00-{Trace}-00f067aa0ba902b7-01")] });
        await logs.WaitForAsync(e => e.Category == RequestLog);

        Assert.That((string?)response.Json!["traceId"], Does.Match($"^00-{Trace}-[0-9a-f]{{16}}-01$"));
        Assert.That(logs.Entries.Single(e => e.Category == RequestLog).State.Single(p => p.Key == "TraceId").Value, Is.EqualTo(Trace));
    }

    [Test]
    public async Task The_request_log_can_be_switched_off()
    {
        var (api, logs) = Capturing(("RequestLogging:Enabled", "false"), ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information"));

        await api.SendAsync(ApiRequest.Get("/"));
        // The host's own "Request finished" entry comes after the pipeline has run.
        await logs.WaitForAsync(e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.Contains("finished", StringComparison.Ordinal));

        Assert.That(logs.Entries.Where(e => e.Category == RequestLog), Is.Empty);
    }

    [Test]
    public async Task An_unhandled_exception_is_logged_once_as_an_error_with_the_trace_and_span_of_its_problem()
    {
        var (api, logs) = Capturing();
        var echo = new Moq.Mock<IEchoService>();
        echo.Setup(e => e.Greet()).Throws(new InvalidOperationException("boom"));
        var errorTypes = new ConcurrentBag<object?>();
        using var durations = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument is { Meter.Name: "Microsoft.AspNetCore.Hosting", Name: "http.server.request.duration" }) listener.EnableMeasurementEvents(instrument);
            },
        };
        durations.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "error.type") errorTypes.Add(tag.Value);
        });
        durations.Start();

        var response = await api.WithServices(s => s.AddSingleton(echo.Object)).SendAsync(ApiRequest.Get("/"));
        await logs.WaitForAsync(e => e.Category == RequestLog);

        var error = logs.Entries.Single(e => e.Level >= LogLevel.Error);
        var fields = error.State.ToDictionary(p => p.Key, p => p.Value);
        Assert.That(error.Exception?.Message, Is.EqualTo("boom"));
        Assert.That((string?)response.Json!["traceId"], Does.Contain($"-{fields["TraceId"]}-{fields["SpanId"]}-"), "the problem names the same trace and span");
        Assert.That(errorTypes, Does.Contain("System.InvalidOperationException"), "the request's duration is tagged with the exception's type");
    }

    public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception);

    public sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        public async Task WaitForAsync(Func<LogEntry, bool> predicate)
        {
            for (var waited = 0; waited < 5000 && !_entries.Any(predicate); waited += 20)
            {
                await Task.Delay(20);
            }

            Assert.That(_entries.Any(predicate), Is.True, "the awaited log line was never written");
        }

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(
                    category,
                    logLevel,
                    formatter(state, exception),
                    state as IReadOnlyList<KeyValuePair<string, object?>> ?? [],
                    exception));
        }
    }
}
