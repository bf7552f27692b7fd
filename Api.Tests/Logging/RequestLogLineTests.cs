using System.Text.Json.Nodes;

namespace Api.Tests.Logging;

/// <summary>
/// The request log as the real process prints it: one line per request, whatever its path holds, in the form
/// docs/operations.md shows, and never the query string, a header or the body.
/// </summary>
[NonParallelizable]
public sealed class RequestLogLineTests
{
    [Test]
    public async Task A_request_is_logged_on_one_line_in_the_documented_form_without_its_query_headers_or_body_whatever_its_path_holds()
    {
        using var api = await ApiProcess.StartListeningAsync();

        await api.SendAsync(ApiRequest.Form("/test?token=query-secret", "field=body-secret") with { Headers = [new("X-Api-Key", "header-secret")] });
        var line = await api.WaitForOutputAsync(l => l.Contains("HttpLoggingMiddleware", StringComparison.Ordinal));
        var forged = await api.SendAsync(ApiRequest.Get("/test/x%0Aforged"));
        var forgedLine = await api.WaitForOutputAsync(l => l.Contains("Path: /test/x", StringComparison.Ordinal));

        Assert.That(line, Does.Match(
            @"^info: Microsoft\.AspNetCore\.HttpLogging\.HttpLoggingMiddleware\[9\] Request and Response: Method: POST Path: /test Client: 127\.0\.0\.1 "
            + @"TraceId: [0-9a-f]{32} SpanId: [0-9a-f]{16} StatusCode: 200 Duration: [0-9.]+$"));
        Assert.That(api.Output, Has.None.Contains("secret"));
        Assert.That(forged.Text, Is.EqualTo("test x\nforged"));
        Assert.That(forgedLine, Does.Contain("forged").And.Contain("StatusCode: 200").And.Contain("Method: GET"));
        Assert.That(api.Output.Count(l => l.Contains("forged", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task With_the_json_formatter_the_request_entry_holds_the_same_fields_and_no_scopes()
    {
        using var api = await ApiProcess.StartListeningAsync(("Logging__Console__FormatterName", "json"));

        await api.SendAsync(ApiRequest.Get("/test/42?token=secret"));
        var line = await api.WaitForOutputAsync(l => l.Contains("HttpLoggingMiddleware", StringComparison.Ordinal));

        var entry = JsonNode.Parse(line!)!.AsObject();
        var state = entry["State"]!;
        Assert.That(
            ((string?)state["Method"], (string?)state["Path"], (string?)state["Client"], (int?)state["StatusCode"]),
            Is.EqualTo(("GET", "/test/42", "127.0.0.1", (int?)200)));
        Assert.That((string?)state["TraceId"], Does.Match("^[0-9a-f]{32}$"));
        Assert.That((string?)state["SpanId"], Does.Match("^[0-9a-f]{16}$"));
        Assert.That((double?)state["Duration"], Is.GreaterThanOrEqualTo(0));
        Assert.That(entry.ContainsKey("Scopes"), Is.False);
        Assert.That(line, Does.Not.Contain("secret"));
    }
}
