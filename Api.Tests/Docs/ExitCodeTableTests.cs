using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>
/// Every row of the start-up exit codes table in docs/operations.md has a test that provokes it on the real
/// process (marked <c>[ExitCode(n)]</c>), and every such mark names a row.
/// </summary>
public sealed partial class ExitCodeTableTests
{
    [Test]
    public void Every_exit_code_of_the_start_up_table_has_a_test_on_the_real_process_and_every_such_test_a_row()
    {
        var rows = TableRows();
        var tested = typeof(ExitCodeTableTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .SelectMany(method => method.GetCustomAttributes<ExitCodeAttribute>())
            .Select(exitCode => exitCode.Code)
            .ToHashSet();

        Assert.That(rows, Is.Unique);
        Assert.That(rows, Has.Count.GreaterThanOrEqualTo(5), "the table was read");
        Assert.That(rows.Except(tested), Is.Empty, "rows without a test");
        Assert.That(tested.Except(rows), Is.Empty, "tests without a row");
    }

    /// <summary>The exit code of each row of the table that follows "| exit code |" under "## Start-up and settings".</summary>
    private static List<int> TableRows() =>
        [.. File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", "operations.md"))
            .SkipWhile(line => line != "## Start-up and settings")
            .SkipWhile(line => !line.StartsWith("| exit code ", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => int.Parse(FirstCode().Match(line.Split('|')[1]).Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex("`([0-9]+)`")]
    private static partial Regex FirstCode();
}
