using System.Collections.Concurrent;
using Api.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Api.Tests.Logging;

/// <summary>One log line per request, with its fields; none when switched off; no query string.</summary>
public sealed class RequestLogTests : ApiTestBase
{
    private const string RequestFinished = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly string RequestLog = typeof(RequestLoggingMiddleware).FullName!;

    // The host's own "Request finished" line comes after the pipeline has run: once it is there,
    // the request log line is there too, or is never coming.
    private (InMemoryApi Api, CapturingLoggerProvider Logs) Capturing(params (string, string)[] settings)
    {
        var logs = new CapturingLoggerProvider();
        var api = Factory.With([.. settings, ($"Logging:LogLevel:{RequestFinished}", "Information")])
            .WithServices(s => s.AddSingleton<ILoggerProvider>(logs));
        return (api, logs);
    }

    [Test]
    public async Task Each_request_logs_one_line_with_method_path_status_elapsed_and_trace_id()
    {
        var (api, logs) = Capturing();

        await api.SendAsync(new ApiRequest("DELETE", "/test?token=secret"));
        await logs.WaitForAsync(e => e.Category == RequestFinished && e.Message.Contains("finished", StringComparison.Ordinal));

        var lines = logs.Entries.Where(e => e.Category == RequestLog).ToList();
        Assert.That(lines, Has.Count.EqualTo(1));
        var fields = lines[0].State.ToDictionary(p => p.Key, p => p.Value);
        Assert.That(fields["Method"], Is.EqualTo("DELETE"));
        Assert.That(fields["Path"], Is.EqualTo("/test"));
        Assert.That(fields["StatusCode"], Is.EqualTo(405));
        Assert.That(fields["ElapsedMs"], Is.TypeOf<double>().And.GreaterThanOrEqualTo(0));
        Assert.That(fields["TraceId"] as string, Is.Not.Empty);
        Assert.That(lines[0].Message, Does.Not.Contain("secret"));
    }

    [Test]
    public async Task The_request_log_can_be_switched_off()
    {
        var (api, logs) = Capturing(("RequestLogging:Enabled", "false"));

        await api.SendAsync(ApiRequest.Get("/"));
        await logs.WaitForAsync(e => e.Category == RequestFinished && e.Message.Contains("finished", StringComparison.Ordinal));

        Assert.That(logs.Entries.Where(e => e.Category == RequestFinished), Is.Not.Empty);
        Assert.That(logs.Entries.Where(e => e.Category == RequestLog), Is.Empty);
    }

    [Test]
    public async Task An_unhandled_exception_is_logged_as_an_error_with_its_trace()
    {
        var (api, logs) = Capturing();
        var echo = new Moq.Mock<Api.Features.Echo.IEchoService>();
        echo.Setup(e => e.Greet()).Throws(new InvalidOperationException("boom"));

        await api.WithServices(s => s.AddSingleton(echo.Object)).SendAsync(ApiRequest.Get("/"));
        await logs.WaitForAsync(e => e.Level == LogLevel.Error);

        Assert.That(logs.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Exception?.Message), Does.Contain("boom"));
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
