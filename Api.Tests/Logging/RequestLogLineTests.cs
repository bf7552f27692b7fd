namespace Api.Tests.Logging;

/// <summary>The request log as the real process prints it: one line per request, whatever its path holds.</summary>
[NonParallelizable]
public sealed class RequestLogLineTests
{
    [Test]
    public async Task A_path_holding_a_line_break_is_logged_on_one_line()
    {
        using var api = await ApiProcess.StartListeningAsync();

        var response = await api.SendAsync(ApiRequest.Get("/test/x%0Aforged"));
        var line = await api.WaitForOutputAsync(l => l.Contains("Path: /test/x", StringComparison.Ordinal));

        Assert.That(response.Text, Is.EqualTo("test x\nforged"));
        Assert.That(line, Does.Contain("forged").And.Contain("StatusCode: 200").And.Contain("Method: GET"));
        Assert.That(api.Output.Count(l => l.Contains("forged", StringComparison.Ordinal)), Is.EqualTo(1));
    }
}
