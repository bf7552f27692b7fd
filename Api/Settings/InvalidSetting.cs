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
        InvalidOperationException unreadable when Unreadable(unreadable) is { } line => [line],
        _ => [],
    };

    /// <summary>The line for a value the configuration binder could not convert to its type, or null for another failure.</summary>
    public static string? Unreadable(Exception exception) =>
        ConversionFailure().Match(exception.Message) is { Success: true } failure
            ? Describe(failure.Groups["key"].Value, failure.Groups["value"].Value, "must be " + Expected(failure.Groups["type"].Value))
            : exception.InnerException is { } cause ? Unreadable(cause) : null;

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:00:30",
        "Microsoft.Extensions.Logging.LogLevel" => "a log level: Trace, Debug, Information, Warning, Error, Critical or None",
        _ => $"a value of type {type}",
    };

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();

    // ConfigurationBinder's message for a value it cannot convert.
    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
