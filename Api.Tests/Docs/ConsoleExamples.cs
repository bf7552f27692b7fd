using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>A <c>$ curl</c> command of a Markdown <c>console</c> block, and the lines the page shows it printing.</summary>
public sealed record ConsoleExample(string Command, string Expected);

/// <summary>
/// The <c>console</c> blocks of a page of the repository, each a list of <c>$ curl</c> commands with what they print, and
/// how one is run: its commands in order against the API on Kestrel, on an API and database of its own, each output
/// compared byte for byte with the page's, trace ids, times and dates aside (they differ per run, in the same forms).
/// </summary>
public static partial class ConsoleExamples
{
    /// <summary>The page's <c>console</c> blocks that hold a <c>$ curl</c> command, in the page's order.</summary>
    public static IReadOnlyList<IReadOnlyList<ConsoleExample>> Blocks(string relativePath)
    {
        var blocks = new List<IReadOnlyList<ConsoleExample>>();
        List<(string Command, List<string> Output)>? block = null;
        foreach (var line in File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), relativePath)))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (block is { Count: > 0 })
                {
                    blocks.Add([.. block.Select(example => new ConsoleExample(example.Command, string.Concat(example.Output.Select(output => output + "\n"))))]);
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

        return blocks;
    }

    /// <summary>Runs the block's commands in order on an API of its own, and fails on the first whose output differs.</summary>
    public static async Task RunAsync(IReadOnlyList<ConsoleExample> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        using var api = await ApiProcess.StartListeningAsync();
        foreach (var (command, expected) in block)
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

    public static string Masked(string text) => HttpDate().Replace(Time().Replace(TraceId().Replace(text, "TRACE-ID"), "TIME"), "DATE");

    [GeneratedRegex("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")]
    private static partial Regex TraceId();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z")]
    private static partial Regex Time();

    [GeneratedRegex(@"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT")]
    private static partial Regex HttpDate();
}
