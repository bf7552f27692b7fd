using System.Diagnostics;
using System.Text.Json;

namespace Api.Tests.Docs;

/// <summary>
/// The verdict of <c>scripts/mutation.sh</c> as docs/design.md states it: each folder's score is killed or
/// timed out of the mutants scored, marked and non-compiling mutants are not scored, every mutant not killed is
/// listed, and the script exits 1 when a folder scores under 95 %. Run on small reports in Stryker's format.
/// </summary>
public sealed class MutationScoreTests
{
    [Test]
    public async Task A_folder_at_95_percent_passes_and_its_survivor_is_listed_with_its_line()
    {
        var (exitCode, output) = await ScoreAsync(SourceFile("Werkzeug/PercentDecoder.cs", "var a = 1;\nif (a > 0) return;",
            [.. Mutants("Killed", 18), .. Mutants("Timeout", 1), Mutant("Survived", line: 2, mutator: "Equality mutation")]));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Match(@"Werkzeug\s+95\.0%\s+18\s+1\s+1\s+0\s+0\s+0"));
        Assert.That(output, Does.Contain("Survived   Api/Werkzeug/PercentDecoder.cs:2 Equality mutation: if (a > 0) return;"));
    }

    [Test]
    public async Task A_folder_under_95_percent_fails_the_run_even_beside_a_perfect_one()
    {
        var (exitCode, output) = await ScoreAsync(
            SourceFile("Caching/ConditionalGetFilter.cs", "x();", [.. Mutants("Killed", 18), Mutant("Survived"), Mutant("NoCoverage")]),
            SourceFile("Limits/LimitsExtensions.cs", "y();", [.. Mutants("Killed", 5)]));

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Match(@"Caching\s+90\.0%\s+18\s+0\s+1\s+1"));
        Assert.That(output, Does.Match(@"Limits\s+100\.0%\s+5"));
        Assert.That(output, Does.Contain("NoCoverage Api/Caching/ConditionalGetFilter.cs:1"));
    }

    [Test]
    public async Task Marked_and_non_compiling_mutants_are_counted_apart_and_not_scored()
    {
        var (exitCode, output) = await ScoreAsync(SourceFile("Hosting/ShutdownDrain.cs", "z();",
            [Mutant("Killed"), .. Mutants("CompileError", 5), .. Mutants("Ignored", 3, reason: "a pooled block not returned"),
             .. Mutants("Ignored", 7, reason: "Removed by mutate filter")]));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Match(@"Hosting\s+100\.0%\s+1\s+0\s+0\s+0\s+3\s+5"));
        Assert.That(output, Does.Not.Contain("Not killed"));
    }

    private static object[] Mutants(string status, int count, string? reason = null) =>
        [.. Enumerable.Range(0, count).Select(_ => Mutant(status, reason: reason))];

    private static object Mutant(string status, int line = 1, string mutator = "Statement mutation", string? reason = null) =>
        new { status, statusReason = reason ?? "", mutatorName = mutator, location = new { start = new { line, column = 1 } } };

    private static (string Path, object File) SourceFile(string pathInApi, string source, object[] mutants) =>
        ($"/src/repo/Api/{pathInApi}", new { language = "cs", source, mutants });

    private static async Task<(int ExitCode, string Output)> ScoreAsync(params (string Path, object File)[] files)
    {
        var report = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(report, JsonSerializer.Serialize(new { schemaVersion = "2", files = files.ToDictionary(f => f.Path, f => f.File) }));
            using var process = Process.Start(new ProcessStartInfo("python3", [Path.Combine(RepositoryRoot.Find(), "scripts", "mutation-score.py"), report])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
