using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>
/// Every <c>curl</c> example in the README, run against the API on Kestrel, block by block, each block's commands in
/// order on an API and database of its own: its output is byte for byte what the README shows, trace ids, times and
/// dates aside (they differ per run, in the same forms).
/// </summary>
[NonParallelizable]
public sealed partial class ReadmeTests
{
    public static IEnumerable<TestCaseData> Blocks()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "README.md"));
        List<(string Command, List<string> Output)>? block = null;
        foreach (var line in readme)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (block is { Count: > 0 })
                {
                    yield return new TestCaseData(block.Select(example => (example.Command, Expected: string.Concat(example.Output.Select(output => output + "\n")))).ToList())
                        .SetName($"README block {block[0].Command}");
                }

                block = line == "```console" ? [] : null;
            }
            else if (block is not null && line.StartsWith("$ curl ", StringComparison.Ordinal))
            {
                block.Add((line[2..], []));
            }
            else if (block is { Count: > 0 })
            {
                block[^1].Output.Add(line);
            }
        }
    }

    [TestCaseSource(nameof(Blocks))]
    public async Task A_readme_block_prints_what_the_readme_shows(List<(string Command, string Expected)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        using var api = await ApiProcess.StartListeningAsync();
        foreach (var (command, expected) in examples)
        {
            var start = new ProcessStartInfo("bash", ["-c", command.Replace("http://localhost:5000", $"http://127.0.0.1:{api.Port}", StringComparison.Ordinal)])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var curl = Process.Start(start)!;
            var printed = await curl.StandardOutput.ReadToEndAsync();
            await curl.WaitForExitAsync();

            Assert.That(Masked(printed), Is.EqualTo(Masked(expected)), command);
        }
    }

    private static string Masked(string text) => HttpDate().Replace(Time().Replace(TraceId().Replace(text, "TRACE-ID"), "TIME"), "DATE");

    // "Arguments after -- reach the API as they are": ApiProcess.Run gives --urls that way, then the setting.
    [Test]
    public async Task Arguments_after_the_double_dash_of_dotnet_run_reach_the_api_as_they_are()
    {
        using var api = ApiProcess.Run(["--Limits:MaxBodyBytes=65536"]);
        await api.WaitForPortAsync();

        Assert.That(await api.WaitForOutputAsync(line => line.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal)), Is.Not.Null, "--urls");
        Assert.That((await api.SendAsync(Form(65536))).Status, Is.EqualTo(200), "--Limits:MaxBodyBytes");
        Assert.That((await api.SendAsync(Form(65537))).Status, Is.EqualTo(413), "--Limits:MaxBodyBytes");

        static ApiRequest Form(int bytes) => ApiRequest.Form("/exemple", "param1=" + new string('a', bytes - "param1=".Length));
    }

    [GeneratedRegex("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")]
    private static partial Regex TraceId();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z")]
    private static partial Regex Time();

    [GeneratedRegex(@"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT")]
    private static partial Regex HttpDate();
}
