namespace Api.Settings;

internal static class SettingsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its section (the root when empty) and validates it at start:
    /// each value that does not read as its type, and each one its validator refuses, is a line naming the setting.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this IServiceCollection services, string section)
        where TOptions : class, new()
    {
        services.AddSingleton<IValidateOptions<TOptions>>(provider => new SettingsValidation<TOptions>(
            section, provider.GetRequiredService<IConfiguration>(), provider.GetService<IValidator<TOptions>>()));
        return services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                foreach (var property in Properties<TOptions>(configuration, section)) TryBind(Values(property), section, options);
            })
            .ValidateOnStart();
    }

    /// <summary>
    /// Validates every setting as soon as the services exist: the host, its logging and Kestrel read theirs
    /// while the app is built, and would otherwise stop at the first bad value or take it silently.
    /// </summary>
    public static IHostBuilder ValidateSettingsFirst(this IHostBuilder host) =>
        host.UseServiceProviderFactory(context => new ValidatingServiceProviderFactory(context.HostingEnvironment.IsDevelopment()));

    private static IEnumerable<IConfigurationSection> Properties<TOptions>(IConfiguration configuration, string section) =>
        typeof(TOptions).GetProperties().Select(property => configuration.GetSection(section.Length == 0 ? property.Name : $"{section}:{property.Name}"));

    // A key without a value is left out: bound, it would set its property to the type's default.
    private static IEnumerable<KeyValuePair<string, string?>> Values(IConfigurationSection property) =>
        property.AsEnumerable().Where(setting => setting.Value is not null);

    /// <summary>
    /// Binds these values alone, so that one that does not read hides none of the others, and returns the line
    /// naming it. Strict, an item of a collection that does not read is named too (the binder drops it otherwise).
    /// </summary>
    private static string? TryBind(IEnumerable<KeyValuePair<string, string?>> values, string section, object options, bool strict = false)
    {
        var alone = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        try
        {
            (section.Length == 0 ? alone : (IConfiguration)alone.GetSection(section)).Bind(options, binder => binder.ErrorOnUnknownConfiguration = strict);
            return null;
        }
        catch (InvalidOperationException exception) when (strict || InvalidSetting.Unreadable(exception) is not null)
        {
            return InvalidSetting.Unreadable(exception);
        }
    }

    private sealed class SettingsValidation<TOptions>(string section, IConfiguration configuration, IValidator<TOptions>? validator) : IValidateOptions<TOptions>
        where TOptions : class, new()
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var unreadable = Properties<TOptions>(configuration, section).SelectMany(Values)
                .Select(setting => TryBind([setting], section, new TOptions(), strict: true));
            var refused = validator?.Validate(options).Errors.Select(error =>
                InvalidSetting.Describe(InvalidSetting.Key(section, error.PropertyName), error.AttemptedValue, error.ErrorMessage));
            var failures = unreadable.OfType<string>().Concat(refused ?? []).ToList();
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
