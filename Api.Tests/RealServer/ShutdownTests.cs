using System.Net.Sockets;
using System.Text;

namespace Api.Tests.RealServer;

/// <summary>
/// The real process on Kestrel: a SIGTERM lets the request in flight finish before the process exits
/// with code 0, its JSON log lines included when configured.
/// </summary>
[NonParallelizable]
public sealed class ShutdownTests
{
    [Test]
    [Platform("Linux,MacOsX")]
    public async Task Sigterm_finishes_the_request_in_flight_exits_0_and_every_log_line_is_json()
    {
        using var api = await ApiProcess.StartListeningAsync(("Logging__Console__FormatterName", "json"));

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", api.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /test HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1"));
        await stream.FlushAsync();
        await Task.Delay(300);

        api.Terminate();
        await Task.Delay(500);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("&b=2"));
        var answer = await ReadAnswerAsync(stream);
        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.That(answer, Does.StartWith("HTTP/1.1 200"));
        Assert.That(answer, Does.EndWith("""{"a":"1","b":"2"}"""));
        Assert.That(exitCode, Is.Zero);
        var lines = api.Output.Where(line => line.Length > 0).ToList();
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Select(JsonLines.IsObject), Has.All.True, string.Join('\n', lines));
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var answer = new StringBuilder();
        while (!answer.ToString().EndsWith('}'))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;

            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }
}
