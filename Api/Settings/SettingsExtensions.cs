using System.ComponentModel;
using System.Reflection;

namespace Api.Settings;

internal static class SettingsExtensions
{
    // Each value that does not read as its property's type, and each one its validator refuses, is a line naming the setting.
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this IServiceCollection services, string section)
        where TOptions : class, new()
    {
        services.AddSingleton<IValidateOptions<TOptions>>(provider => new SettingsValidation<TOptions>(
            section, provider.GetRequiredService<IConfiguration>(), provider.GetService<IValidator<TOptions>>()));
        return services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                // Only the values that read: the binder would stop at the first that does not, with the others unbound.
                var readable = new ConfigurationBuilder()
                    .AddInMemoryCollection(Values(typeof(TOptions), configuration, section).Where(value => value.Expected is null).Select(value => value.Setting))
                    .Build();
                (section.Length == 0 ? readable : (IConfiguration)readable.GetSection(section)).Bind(options);
            })
            .ValidateOnStart();
    }

    // The host, its logging and Kestrel read theirs while the app is built: they would stop at the first bad value or take it silently.
    public static IHostBuilder ValidateSettingsFirst(this IHostBuilder host) =>
        host.UseServiceProviderFactory(context => new ValidatingServiceProviderFactory(context.HostingEnvironment.IsDevelopment()));

    // As the configuration binder converts (TypeConverter) and leaves out: a key without a value, or one no property takes.
    private static IEnumerable<(KeyValuePair<string, string?> Setting, string? Expected)> Values(Type type, IConfiguration configuration, string section) =>
        (section.Length == 0 ? configuration : configuration.GetSection(section)).AsEnumerable(makePathsRelative: true)
            .Where(setting => setting.Value is not null)
            .Select(setting => (Type: TypeAt(type, setting.Key.Split(ConfigurationPath.KeyDelimiter)), Setting: setting))
            .Where(value => value.Type is not null)
            .Select(value => (KeyValuePair.Create(section.Length == 0 ? value.Setting.Key : ConfigurationPath.Combine(section, value.Setting.Key), value.Setting.Value),
                Reads(value.Type!, value.Setting.Value!) ? null : Expected(value.Type!)));

    private static Type? TypeAt(Type? type, ReadOnlySpan<string> path)
    {
        foreach (var segment in path)
        {
            type = type switch
            {
                null => null,
                _ when Generic(type, typeof(IDictionary<,>)) is [_, var value] => value,
                _ when type != typeof(string) && Generic(type, typeof(IEnumerable<>)) is [var item] =>
                    int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? item : null,
                _ => type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType,
            };
        }

        return type;
    }

    private static Type[]? Generic(Type type, Type definition) =>
        type.GetInterfaces().Prepend(type).FirstOrDefault(face => face.IsGenericType && face.GetGenericTypeDefinition() == definition)?.GenericTypeArguments;

    private static bool Reads(Type type, string value)
    {
        if (value.Length == 0 && Nullable.GetUnderlyingType(type) is not null) return true;
        var converter = TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type);
        if (!converter.CanConvertFrom(typeof(string))) return true;
        try
        {
            converter.ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var whole when whole == typeof(int) || whole == typeof(long) => "a whole number",
        var flag when flag == typeof(bool) => "true or false",
        var duration when duration == typeof(TimeSpan) => "a duration such as 00:00:30",
        var level when level == typeof(LogLevel) => "a log level: Trace, Debug, Information, Warning, Error, Critical or None",
        { IsEnum: true } choice => "one of " + string.Join(", ", Enum.GetNames(choice)),
        var other => $"a value of type {other}",
    };

    private sealed class SettingsValidation<TOptions>(string section, IConfiguration configuration, IValidator<TOptions>? validator) : IValidateOptions<TOptions>
        where TOptions : class, new()
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var unreadable = Values(typeof(TOptions), configuration, section)
                .Where(value => value.Expected is not null)
                .OrderBy(value => value.Setting.Key, StringComparer.OrdinalIgnoreCase)
                .Select(value => InvalidSetting.Describe(value.Setting.Key, value.Setting.Value, "must be " + value.Expected));
            var refused = validator?.Validate(options).Errors.Select(error =>
                InvalidSetting.Describe(InvalidSetting.Key(section, error.PropertyName), error.AttemptedValue, error.ErrorMessage));
            var failures = unreadable.Concat(refused ?? []).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    private sealed class ValidatingServiceProviderFactory(bool development) : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services) => services;

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
        {
            var services = containerBuilder.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = development, ValidateOnBuild = development });
            services.GetRequiredService<IStartupValidator>().Validate();
            return services;
        }
    }
}
