using System.Net;
using System.Net.Sockets;

namespace Api.Tests.Docs;

/// <summary>
/// Every <c>curl</c> example in the README, run against the API on Kestrel, block by block, each block's commands in
/// order on an API and database of its own: its output is byte for byte what the README shows, trace ids, times and
/// dates aside (<see cref="ConsoleExamples"/>).
/// </summary>
[NonParallelizable]
public sealed class ReadmeTests
{
    public static IEnumerable<TestCaseData> Blocks() =>
        ConsoleExamples.Blocks("README.md").Select(block => new TestCaseData(block).SetName($"README block {block[0].Command}"));

    [TestCaseSource(nameof(Blocks))]
    public Task A_readme_block_prints_what_the_readme_shows(IReadOnlyList<ConsoleExample> examples) => ConsoleExamples.RunAsync(examples);

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

    // "To start the API on http://localhost:5000: dotnet run --project Api": the launch profile names no address. The
    // test holds 127.0.0.1:5000 (or finds it held), so that the API never listens there, and its one line names the address.
    [Test]
    public async Task Dotnet_run_without_arguments_listens_on_localhost_port_5000()
    {
        Assert.That(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md")), Does.Contain("To start the API on http://localhost:5000"));
        using var holder = new TcpListener(IPAddress.Loopback, 5000);
        try
        {
            holder.Start();
        }
        catch (SocketException)
        {
            // Held already: the API finds it taken all the same.
        }

        using var api = ApiProcess.RunWithArguments(
            [], ("ASPNETCORE_URLS", null), ("DOTNET_URLS", null), ("ASPNETCORE_HTTP_PORTS", null), ("DOTNET_HTTP_PORTS", null), ("ASPNETCORE_HTTPS_PORTS", null), ("DOTNET_HTTPS_PORTS", null));

        Assert.That(await api.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(69), string.Join('\n', api.Errors));
        Assert.That(api.Errors, Is.EqualTo(new[] { "Cannot listen on http://localhost:5000: Address already in use." }));
    }

    // The README's "dotnet run --project Api -- migrate": the verb is the API's first argument, as Program.cs reads it.
    [Test]
    public async Task The_migrate_verb_after_the_double_dash_of_dotnet_run_reaches_the_api()
    {
        Assert.That(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md")), Does.Contain("`dotnet run --project Api -- migrate`"));
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.FullName, "items.db");

        using var migrate = ApiProcess.RunWithArguments(["migrate"], ("ConnectionStrings__Items", $"Data Source={file}"), ("Database__MigrateOnStart", "false"));

        Assert.That(await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, string.Join('\n', migrate.Errors));
        Assert.That(migrate.Output, Has.One.StartsWith($"Applied to the item store at {file}: ").And.EndsWith("_CreateItems."));
    }
}
