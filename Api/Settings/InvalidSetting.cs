namespace Api.Settings;

internal static partial class InvalidSetting
{
    // EX_CONFIG from sysexits.h.
    public const int ExitCode = 78;

    public static string Describe(string key, object? value, string allowed) =>
        $"Invalid setting {key}='{Convert.ToString(value, CultureInfo.InvariantCulture)}': {allowed}.";

    public static string Key(string section, string propertyPath) =>
        (section.Length == 0 ? "" : section + ":") + IndexPattern().Replace(propertyPath, ":$1").Replace('.', ':');

    public static IReadOnlyList<string> Explain(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException several => [.. several.InnerExceptions.SelectMany(Explain)],
        _ => [],
    };

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();
}
