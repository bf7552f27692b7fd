using System.Globalization;
using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>
/// docs/design.md holds to the code: its layout tree names every folder of Api/ and Api/Features/ and no other, and
/// each walk through the code names files that exist, as many as it counts, within its target or saying it is not.
/// </summary>
public sealed partial class DesignTests
{
    private static string Design => File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "design.md")).ReplaceLineEndings("\n");

    [Test]
    public void The_layout_tree_names_every_folder_of_the_api_and_no_other()
    {
        var tree = Design.Split("```\n")[1];
        var root = Path.Combine(RepositoryRoot.Find(), "Api");

        Assert.That(Folders(tree, "  "), Is.EquivalentTo(SubFolders(root)), "Api/");
        Assert.That(Folders(tree, "    "), Is.EquivalentTo(SubFolders(Path.Combine(root, "Features"))), "Api/Features/");
        Assert.That(Folders(tree, "").Where(folder => !Directory.Exists(Path.Combine(RepositoryRoot.Find(), folder))), Is.Empty, "the repository's folders");
    }

    [Test]
    public void Each_walk_names_files_that_exist_and_counts_them_against_its_target()
    {
        var walks = Design.Split("\n## Two walks through the code\n")[1].Split("\n## ")[0].Split("\n### ").Skip(1).ToList();
        var root = RepositoryRoot.Find();

        Assert.That(walks, Has.Count.EqualTo(2), "the two walks were read");
        foreach (var walk in walks)
        {
            var title = walk.Split('\n')[0];
            var files = walk.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal))
                .Select(line => line.Split('|')[2].Trim())
                .Where(cell => cell.StartsWith("`Api/", StringComparison.Ordinal))
                .Select(cell => cell.Trim('`'))
                .ToHashSet(StringComparer.Ordinal);
            var count = Count().Match(walk);

            Assert.That(files, Is.Not.Empty, title);
            Assert.That(files.Where(file => !File.Exists(Path.Combine(root, file))), Is.Empty, $"{title}: files that do not exist");
            Assert.That(count.Success, Is.True, $"{title}: its count and target");
            var (counted, target) = (int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(count.Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.That(counted, Is.EqualTo(files.Count), $"{title}: the count is the files of its table");
            Assert.That(count.Groups[3].Value, Is.EqualTo(counted <= target ? "met" : "not met"), $"{title}: {counted} files, target {target}");
        }
    }

    [Test]
    public void Each_code_excerpt_of_adding_an_endpoint_is_in_the_file_it_names()
    {
        var section = Design.Split("\n## Adding an endpoint\n")[1].Split("\n## ")[0];
        var excerpts = section.Split("```csharp\n").Skip(1).Select(block => block.Split("```")[0].TrimEnd('\n').Split('\n')).ToList();

        Assert.That(excerpts, Has.Count.GreaterThanOrEqualTo(4), "the excerpts were read");
        foreach (var excerpt in excerpts)
        {
            Assert.That(excerpt[0], Does.StartWith("// Api/"), "an excerpt names its file first");
            var file = excerpt[0]["// ".Length..];
            var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), file));
            var (at, gap) = (-1, true);
            foreach (var line in excerpt.Skip(1))
            {
                if (line.Trim() == "...")
                {
                    gap = true;
                    continue;
                }

                var next = gap ? Array.IndexOf(lines, line, at + 1) : at + 1 < lines.Length && lines[at + 1] == line ? at + 1 : -1;
                Assert.That(next, Is.Not.EqualTo(-1), $"{file}: not found {(gap ? "after the lines before it" : "right after the line before it")}: {line}");
                (at, gap) = (next, false);
            }
        }
    }

    /// <summary>The folder names of the tree's lines indented by exactly <paramref name="indent"/>.</summary>
    private static List<string> Folders(string tree, string indent) =>
        [.. tree.Split('\n').Where(line => line.StartsWith(indent, StringComparison.Ordinal) && line.Length > indent.Length && line[indent.Length] != ' ')
            .Select(line => line[indent.Length..].Split(' ')[0])
            .Where(name => name.EndsWith('/'))
            .Select(name => name.TrimEnd('/'))];

    private static List<string> SubFolders(string folder) =>
        [.. Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Where(name => name is not ("bin" or "obj"))];

    [GeneratedRegex(@"\*\*(\d+) product files\*\*[^\n]*\(target: at most (\d+)\): (met|not met)\.")]
    private static partial Regex Count();
}
