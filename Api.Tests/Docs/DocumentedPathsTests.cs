using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>
/// Every file and folder the README and docs/ name in backticks exists: a path from the repository's root
/// (<c>scripts/check-image.sh</c>), or the end of one (<c>Server/ServerRules.cs</c>, <c>Textbook/TextbookControllerTests</c>
/// for its .cs file, <c>Support/IApiServer.SendAsync</c> for a member of one), so that a renamed file leaves no stale name behind.
/// </summary>
public sealed partial class DocumentedPathsTests
{
    public static IEnumerable<TestCaseData> Pages() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "docs"), "*.md").Select(page => "docs/" + Path.GetFileName(page)).Order(StringComparer.Ordinal))
            .Select(page => new TestCaseData(page).SetName($"Every path {page} names exists"));

    [TestCaseSource(nameof(Pages))]
    public void Every_path_the_page_names_exists(string page)
    {
        var named = NamedPaths(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), page))).ToList();
        var paths = RepositoryPaths();

        Assert.That(named.Where(path => !Exists(path, paths)).Distinct(), Is.Empty, $"named in {page}, but no such file or folder");
    }

    [TestCase("`Server/ServerRules.cs`", ExpectedResult = true)]
    [TestCase("`Textbook/TextbookControllerTests`", ExpectedResult = true)]
    [TestCase("`Support/IApiServer.SendAsync`", ExpectedResult = true)]
    [TestCase("`bash scripts/regenerate-contract.sh`", ExpectedResult = true)]
    [TestCase("`Features/Items/`", ExpectedResult = true)]
    [TestCase("`Caching/ConditionalGetFilter`", ExpectedResult = false)]
    [TestCase("`Hosting/`", ExpectedResult = false)]
    [TestCase("`scripts/nope.sh`", ExpectedResult = false)]
    public bool A_name_resolves_only_to_a_path_that_exists(string markdown)
    {
        var paths = RepositoryPaths();
        var named = NamedPaths(markdown).ToList();
        Assert.That(named, Has.Count.EqualTo(1), "read as one path");
        return Exists(named[0], paths);
    }

    [TestCase("`application/json`")]
    [TestCase("`/openapi/v1.json`")]
    [TestCase("`data/items.db`")]
    [TestCase("`Api/Features/<Name>/<Name>Controller.cs`")]
    [TestCase("`http://localhost:5000/test`")]
    public void Media_types_urls_files_made_at_run_time_and_placeholders_are_not_paths(string markdown) =>
        Assert.That(NamedPaths(markdown), Is.Empty);

    /// <summary>The words in backticks that name a path: with a slash, from a top-level folder or a capitalised one.</summary>
    private static IEnumerable<string> NamedPaths(string markdown) =>
        InBackticks().Matches(markdown)
            .SelectMany(code => code.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(word => PathLike().IsMatch(word));

    private static bool Exists(string named, HashSet<string> paths)
    {
        var path = named.TrimEnd('/');
        string[] candidates = [path, path + ".cs", Path.ChangeExtension(path, null) + ".cs"];
        return candidates.Any(candidate => paths.Contains(candidate) || paths.Any(existing => existing.EndsWith("/" + candidate, StringComparison.Ordinal)));
    }

    /// <summary>The repository's files and folders, relative to its root, build output and tool caches aside.</summary>
    private static HashSet<string> RepositoryPaths()
    {
        var root = RepositoryRoot.Find();
        string[] skipped = ["bin", "obj", ".git", "node_modules", "artifacts"];
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var folders = new Stack<string>([root]);
        while (folders.TryPop(out var folder))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
            {
                paths.Add(Path.GetRelativePath(root, entry).Replace('\\', '/'));
                if (Directory.Exists(entry) && !skipped.Contains(Path.GetFileName(entry))) folders.Push(entry);
            }
        }

        return paths;
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex InBackticks();

    // A path: segments of letters, digits, '.', '_' and '-', the first a top-level folder or capitalised, with at least one slash.
    [GeneratedRegex(@"^(?:Api[A-Za-z.]*|bench|docs|scripts|\.ci|\.config|[A-Z][A-Za-z]*)/(?:[A-Za-z0-9_.-]+/?)*$")]
    private static partial Regex PathLike();
}
