namespace Api.Tests.Support;

/// <summary>
/// Names a setting of the README's table that the test sets to a value other than its default, and whose
/// effect it observes on the real process (<see cref="ApiProcess"/>). <c>DocumentedTablesTests</c> holds the
/// table and these to each other.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class SettingAttribute(string key) : PropertyAttribute("Setting", key)
{
    public string Key { get; } = key;
}
