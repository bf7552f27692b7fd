using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>
/// Every row of the settings table (docs/settings.md) has a test that sets it and observes its effect on the real process
/// (marked <c>[Setting("key")]</c>), every row of the start-up exit codes table (docs/operations.md) a test that provokes it
/// there (marked <c>[ExitCode(n)]</c>), and every such mark names a row: a documented setting or exit code cannot silently
/// stop working, nor a test outlive its row.
/// </summary>
public sealed partial class DocumentedTablesTests
{
    [TestCase("settings.md", "| setting ", typeof(SettingAttribute), 21, TestName = "Every row of the settings table has a test on the real process and every such test a row")]
    [TestCase("operations.md", "| exit code ", typeof(ExitCodeAttribute), 5, TestName = "Every exit code of the start-up table has a test on the real process and every such test a row")]
    public void Every_row_has_a_test_on_the_real_process_and_every_such_test_a_row(string page, string header, Type mark, int leastRows)
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", page))
            .SkipWhile(line => !line.StartsWith(header, StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => FirstCode().Match(line.Split('|')[1]).Groups[1].Value)
            .ToList();
        var tested = typeof(DocumentedTablesTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .SelectMany(method => method.GetCustomAttributes(mark))
            .Select(attribute => attribute is SettingAttribute setting ? setting.Key : ((ExitCodeAttribute)attribute).Code.ToString(CultureInfo.InvariantCulture))
            .ToHashSet(StringComparer.Ordinal);

        Assert.That(rows, Is.Unique.And.Count.GreaterThanOrEqualTo(leastRows), "the table was read");
        Assert.That(rows.Except(tested), Is.Empty, "rows without a test");
        Assert.That(tested.Except(rows), Is.Empty, "tests without a row");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex FirstCode();
}
