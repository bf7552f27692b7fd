using System.Diagnostics;

namespace Api.Tests.Support;

public static class Poll
{
    /// <summary>
    /// Reads a value every 20 ms until <paramref name="done"/> holds for it or <paramref name="timeout"/> has passed, and
    /// returns the last one read: for what a process writes or answers a little after the event that causes it.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || waited.Elapsed >= timeout) return value;

            await Task.Delay(20);
        }
    }
}
