using System.Collections.Concurrent;
using Api.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Api.Tests.Integration.Hosting;

/// <summary>One log line per request, with its fields; none when switched off; no query string.</summary>
public sealed class RequestLogTests : ApiTestBase
{
    private static (WebApplicationFactory<Program> Factory, CapturingLoggerProvider Logs) Capturing(ApiFactory factory, params (string, string)[] settings)
    {
        var logs = new CapturingLoggerProvider();
        var configured = ConfiguredApi.With(factory, settings).WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        return (configured, logs);
    }

    [Test]
    public async Task Each_request_logs_one_line_with_method_path_status_elapsed_and_trace_id()
    {
        var (factory, logs) = Capturing(Factory);
        using (factory)
        {
            await factory.Server.SendAsync(http =>
            {
                http.Request.Method = "DELETE";
                http.Request.Path = "/test";
                http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?token=secret");
            });
            await logs.WaitForAsync(e => e.Category == typeof(RequestLoggingMiddleware).FullName);
        }

        var lines = logs.Entries.Where(e => e.Category == typeof(RequestLoggingMiddleware).FullName).ToList();
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
        var (factory, logs) = Capturing(Factory, ("RequestLogging:Enabled", "false"));
        using (factory)
        {
            await factory.Server.SendAsync(http => http.Request.Path = "/");
            await logs.WaitForAsync(e => e.Category == typeof(RequestLoggingMiddleware).FullName);
        }

        Assert.That(logs.Entries.Where(e => e.Category == typeof(RequestLoggingMiddleware).FullName), Is.Empty);
    }

    [Test]
    public async Task An_unhandled_exception_is_logged_as_an_error_with_its_trace()
    {
        var (factory, logs) = Capturing(Factory);
        var echo = new Moq.Mock<Api.Echo.IEchoService>();
        echo.Setup(e => e.Greet()).Throws(new InvalidOperationException("boom"));
        using (var failing = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(echo.Object))))
        {
            await failing.Server.SendAsync(http => http.Request.Path = "/");
            await logs.WaitForAsync(e => e.Level == LogLevel.Error);
        }

        Assert.That(logs.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Exception?.Message), Does.Contain("boom"));
    }

    public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception);

    public sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        /// <summary>Log lines may be written just after the answer reaches the client.</summary>
        public async Task WaitForAsync(Func<LogEntry, bool> predicate)
        {
            for (var waited = 0; waited < 5000 && !_entries.Any(predicate); waited += 20)
            {
                await Task.Delay(20);
            }
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
