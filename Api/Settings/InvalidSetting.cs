namespace Api.Settings;

/// <summary>A setting that stops the start, as one line naming the setting, the value and what is allowed.</summary>
internal static partial class InvalidSetting
{
    /// <summary>EX_CONFIG from sysexits.h: the configuration is wrong, restarting will not help.</summary>
    public const int ExitCode = 78;

    public static string Describe(string key, object? value, string allowed) =>
        $"Invalid setting {key}='{Convert.ToString(value, CultureInfo.InvariantCulture)}': {allowed}.";

    /// <summary>The configuration key of a validated property: <c>KnownProxies[0]</c> in section <c>ForwardedHeaders</c> is <c>ForwardedHeaders:KnownProxies:0</c>.</summary>
    public static string Key(string section, string propertyPath) =>
        (section.Length == 0 ? "" : section + ":") + IndexPattern().Replace(propertyPath, ":$1").Replace('.', ':');

    /// <summary>The lines that explain why the settings stopped the start, or none when the exception is not about a setting.</summary>
    public static IReadOnlyList<string> Explain(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException several => [.. several.InnerExceptions.SelectMany(Explain)],
        _ => [],
    };

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();
}
