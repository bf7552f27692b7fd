using FluentValidation;

namespace Api.Validation;

public static class ValidationExtensions
{
    public static IServiceCollection AddFormValidation(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ExempleFormValidator>(ServiceLifetime.Singleton);
        services.AddSingleton<ArgumentValidator>();
        services.AddSingleton<FluentValidationFilter>();
        return services;
    }
}
