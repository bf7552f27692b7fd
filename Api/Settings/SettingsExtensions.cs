namespace Api.Settings;

internal static class SettingsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its section and validates it at start with its validator,
    /// if any: an invalid value stops the start with a line naming the setting.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(provider =>
            new SettingsValidation<TOptions>(section, provider.GetService<IValidator<TOptions>>()));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    private sealed class SettingsValidation<TOptions>(string section, IValidator<TOptions>? validator) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var result = validator?.Validate(options);
            return result is null || result.IsValid
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(result.Errors.Select(error =>
                    InvalidSetting.Describe(InvalidSetting.Key(section, error.PropertyName), error.AttemptedValue, error.ErrorMessage)));
        }
    }
}
