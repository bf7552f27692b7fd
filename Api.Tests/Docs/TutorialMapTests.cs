using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>
/// docs/tutorial-map.md and its French version, docs/tutorial-map.fr.md: both name the same files of the repository
/// (which exist: DocumentedPathsTests), and show the same <c>curl</c> commands with the same output, a block for every
/// chapter; each block, run in order on an API and database of its own, prints what the maps show (<see cref="ConsoleExamples"/>).
/// </summary>
[NonParallelizable]
public sealed partial class TutorialMapTests
{
    private const string English = "docs/tutorial-map.md";
    private const string French = "docs/tutorial-map.fr.md";

    public static IEnumerable<TestCaseData> Blocks() =>
        ConsoleExamples.Blocks(English).Select(block => new TestCaseData(block).SetName($"Tutorial map block {block[0].Command}"));

    [TestCaseSource(nameof(Blocks))]
    public Task A_block_of_the_map_prints_what_the_map_shows(IReadOnlyList<ConsoleExample> block) => ConsoleExamples.RunAsync(block);

    [Test]
    public void Both_maps_name_the_same_files()
    {
        var english = NamedFiles(English);

        Assert.That(english, Has.Count.GreaterThanOrEqualTo(20), "the files were read");
        Assert.That(NamedFiles(French), Is.EquivalentTo(english));
    }

    [Test]
    public void Both_maps_show_the_same_curl_commands_with_the_same_output()
    {
        var english = ConsoleExamples.Blocks(English);
        var french = ConsoleExamples.Blocks(French);

        Assert.That(french.SelectMany(block => block), Is.EqualTo(english.SelectMany(block => block)));
        Assert.That(french.Select(block => block.Count), Is.EqualTo(english.Select(block => block.Count)), "the same blocks");
    }

    [TestCase(English)]
    [TestCase(French)]
    public void Every_chapter_has_its_curl_commands(string map)
    {
        var chapters = Chapters(map);

        Assert.That(chapters.Select(chapter => chapter.Number), Is.EqualTo(Enumerable.Range(1, 7)), "the seven chapters, in order");
        Assert.That(chapters.Where(chapter => !chapter.Text.Contains("```console\n$ curl ", StringComparison.Ordinal)).Select(chapter => chapter.Number), Is.Empty, "chapters without a curl command");
    }

    /// <summary>Every file or folder of the repository the page names in backticks: <c>Api/…</c>, <c>Api.Tests/…</c>.</summary>
    private static HashSet<string> NamedFiles(string map) =>
        [.. NamedPath().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), map))).Select(match => match.Groups[1].Value)];

    private static List<(int Number, string Text)> Chapters(string map) =>
        [.. ChapterHeading().Split(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), map)).ReplaceLineEndings("\n"))
            .Skip(1)
            .Chunk(2)
            .Select(pair => (int.Parse(pair[0], System.Globalization.CultureInfo.InvariantCulture), pair[1]))];

    [GeneratedRegex(@"`((?:Api|Api\.Tests|docs|scripts)/[^`\s]*)`")]
    private static partial Regex NamedPath();

    [GeneratedRegex(@"^## (\d+)\. .*$", RegexOptions.Multiline)]
    private static partial Regex ChapterHeading();
}
