using System.Reflection;
using System.Text.RegularExpressions;

namespace Api.Tests.Docs;

/// <summary>
/// Every row of the settings table (docs/settings.md) has a test that sets it and observes its effect on the real
/// process (marked <c>[Setting("key")]</c>), and every such mark names a row: a documented setting cannot
/// silently stop working, nor a test outlive its row.
/// </summary>
public sealed partial class SettingsTableTests
{
    [Test]
    public void Every_row_of_the_settings_table_has_a_test_on_the_real_process_and_every_such_test_a_row()
    {
        var rows = TableRows();
        var tested = typeof(SettingsTableTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .SelectMany(method => method.GetCustomAttributes<SettingAttribute>())
            .Select(setting => setting.Key)
            .ToHashSet(StringComparer.Ordinal);

        Assert.That(rows, Has.Count.GreaterThan(20), "the table was read");
        Assert.That(rows.Except(tested), Is.Empty, "rows without a test");
        Assert.That(tested.Except(rows), Is.Empty, "tests without a row");
    }

    /// <summary>The first setting named in each row of docs/settings.md's table.</summary>
    private static List<string> TableRows() =>
        [.. File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", "settings.md"))
            .SkipWhile(line => !line.StartsWith("| setting ", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => FirstCode().Match(line.Split('|')[1]).Groups[1].Value)];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex FirstCode();
}
