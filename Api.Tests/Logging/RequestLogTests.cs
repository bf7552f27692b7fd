using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Api.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

        var response = await Factory.WithServices(s => s.AddSingleton<ILoggerProvider>(logs).AddSingleton(echo.Object)).SendAsync(ApiRequest.Get("/"));
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
            for (var waited = 0; waited < 5000 && !_entries.Any(predicate); waited += 20) await Task.Delay(20);

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
