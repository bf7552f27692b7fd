using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>
/// Every <c>curl</c> example in the README, run against the API on Kestrel: its output is byte for
/// byte what the README shows, trace ids aside (they differ per request, in the same W3C form).
/// </summary>
[NonParallelizable]
public sealed partial class ReadmeTests
{
    private ApiProcess _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _api = await ApiProcess.StartListeningAsync();

    [OneTimeTearDown]
    public void Stop() => _api.Dispose();

    public static IEnumerable<TestCaseData> Examples()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var inConsole = false;
        string? command = null;
        var output = new List<string>();
        foreach (var line in readme)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (inConsole && command is not null)
                {
                    yield return Example(command, output);
                }

                inConsole = line == "```console";
                command = null;
                continue;
            }

            if (!inConsole)
            {
                continue;
            }

            if (line.StartsWith("$ curl ", StringComparison.Ordinal))
            {
                if (command is not null)
                {
                    yield return Example(command, output);
                }

                command = line[2..];
                output = [];
            }
            else
            {
                output.Add(line);
            }
        }
    }

    [TestCaseSource(nameof(Examples))]
    public async Task A_readme_example_prints_what_the_readme_shows(string command, string expected)
    {
        var start = new ProcessStartInfo("bash", ["-c", command.Replace("http://localhost:5000", $"http://127.0.0.1:{_api.Port}", StringComparison.Ordinal)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var curl = Process.Start(start)!;
        var printed = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();

        Assert.That(TraceId().Replace(printed, "TRACE-ID"), Is.EqualTo(TraceId().Replace(expected, "TRACE-ID")));
    }

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

    private static TestCaseData Example(string command, List<string> output) =>
        new TestCaseData(command, string.Concat(output.Select(line => line + "\n"))).SetName(command);

    [GeneratedRegex("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")]
    private static partial Regex TraceId();
}
