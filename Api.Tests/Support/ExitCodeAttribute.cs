namespace Api.Tests.Support;

/// <summary>
/// Names an exit code of the start-up table in docs/operations.md that the test provokes and observes on the
/// real process (<see cref="ApiProcess"/>). <c>DocumentedTablesTests</c> holds the table and these to each other.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ExitCodeAttribute(int code) : PropertyAttribute("ExitCode", code)
{
    public int Code { get; } = code;
}
