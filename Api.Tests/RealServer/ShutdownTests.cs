using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Api.Tests.RealServer;

/// <summary>
/// The real process on Kestrel without a drain (the drain: DrainTests): a SIGTERM stops the listener at once and lets
/// the request in flight finish before the process exits with code 0, its JSON log lines included when configured.
/// </summary>
[NonParallelizable]
public sealed class ShutdownTests
{
    // The drain is 0 when the API is run directly: the listener stops at SIGTERM, not after seconds of 503s.
    [Test]
    [Platform("Linux,MacOsX")]
    [Setting("Logging:Console:FormatterName")]
    public async Task Without_a_drain_sigterm_finishes_the_request_in_flight_and_exits_0_at_once_and_every_log_line_is_json()
    {
        using var api = await ApiProcess.StartListeningAsync(("Logging__Console__FormatterName", "json"));
        using var client = await RawHttp.OpenAsync(
            api.Port, "POST /test HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\nConnection: close\r\n\r\na=1");
        await Task.Delay(300);

        api.Terminate();
        var terminated = Stopwatch.StartNew();
        await Task.Delay(500);
        await client.GetStream().WriteAsync("&b=2"u8.ToArray());
        var answer = await RawHttp.ReadUntilClosedAsync(client.GetStream(), TimeSpan.FromSeconds(10));
        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.That(answer, Does.StartWith("HTTP/1.1 200").And.EndWith("""{"a":"1","b":"2"}"""));
        Assert.That(exitCode, Is.Zero);
        Assert.That(terminated.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4.5)), "the image's drain alone is 5 s");
        var lines = api.Output.Where(line => line.Length > 0).ToList();
        Assert.That(lines, Has.Some.Contains("Application is shutting down"));
        Assert.That(lines, Has.None.Contains("Draining"), "the drain logs when it begins");
        Assert.That(lines.Select(IsJsonObject), Has.All.True, string.Join('\n', lines));
    }

    /// <summary>Whether a line is one JSON object, as the json log formatter writes each entry.</summary>
    private static bool IsJsonObject(string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
