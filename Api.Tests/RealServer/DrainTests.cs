using System.Diagnostics;
using System.Net.Sockets;

namespace Api.Tests.RealServer;

/// <summary>
/// SIGTERM with a drain period: /readyz answers 503 while every request, on new connections too, is still
/// served; then the listener stops, requests in flight get <c>ShutdownTimeoutSeconds</c> more, and the
/// process exits with code 0.
/// </summary>
[NonParallelizable]
public sealed class DrainTests
{
    [Test]
    [Platform("Linux,MacOsX")]
    [Setting("ShutdownDrainSeconds")]
    [Setting("ShutdownTimeoutSeconds")]
    public async Task Sigterm_drains_then_stops_listening_then_cuts_what_is_still_in_flight_and_exits_0()
    {
        using var api = await ApiProcess.StartListeningAsync(("ShutdownDrainSeconds", "2"), ("ShutdownTimeoutSeconds", "1"));
        using var finishing = await SendHeadAsync(api.Port, contentLength: 7, "a=1");
        using var stalled = await SendHeadAsync(api.Port, contentLength: 100, "a=1");

        api.Terminate();
        var terminated = Stopwatch.StartNew();
        Assert.That(await PollAsync(async () => (await api.GetAsync("/readyz")).Status == 503), Is.True, "/readyz turns 503");
        var served = await api.GetAsync("/");
        await finishing.GetStream().WriteAsync("&b=2"u8.ToArray());
        var finished = await RawHttp.ReadUntilClosedAsync(finishing.GetStream(), TimeSpan.FromSeconds(10));
        var drained = terminated.Elapsed;

        Assert.That(served.Text, Is.EqualTo("Hello World"), "a new connection is served while draining");
        Assert.That(finished, Does.StartWith("HTTP/1.1 200 ").And.EndWith("""{"a":"1","b":"2"}"""));
        Assert.That(drained, Is.LessThan(TimeSpan.FromSeconds(2)), "all of the above happened within the drain");
        Assert.That(await PollAsync(async () => !await AcceptsConnectionsAsync(api.Port)), Is.True, "the listener stops after the drain");
        Assert.That(terminated.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)));
        Assert.That(await RawHttp.ReadUntilClosedAsync(stalled.GetStream(), TimeSpan.FromSeconds(10)), Is.Empty, "a request still in flight after the timeout is cut");
        Assert.That(await api.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.Zero);
        Assert.That(api.Output, Has.Some.Contains("Draining"));
        Assert.That(api.Output, Has.None.Contains("HealthCheck"), "a 503 of /readyz while draining is expected, not an error entry per probe");
        Assert.That(terminated.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4.5)), "drain and timeout, not Kestrel's 5 s body-rate limit");
    }

    private static Task<TcpClient> SendHeadAsync(int port, int contentLength, string body) => RawHttp.OpenAsync(
        port, $"POST /test HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {contentLength}\r\nConnection: close\r\n\r\n{body}");

    private static Task<bool> PollAsync(Func<Task<bool>> condition) => Poll.UntilAsync(condition, holds => holds, TimeSpan.FromSeconds(5));

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
