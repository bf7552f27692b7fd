using System.Collections.Concurrent;
using FluentValidation.AspNetCore;

namespace Api.Features;

/// <summary>Both kinds of error in one 400: FluentValidation.AspNetCore's automatic validation is synchronous, where an async rule throws.</summary>
internal sealed class FluentValidationFilter(IServiceProviderIsService registered) : IAsyncActionFilter, IOrderedFilter, IActionModelConvention
{
    private readonly ConcurrentDictionary<Type, Type> _validatorTypes = new();

    // Before ModelStateInvalidFilter, whose order is -2000.
    public int Order => -3000;

    public void Apply(ActionModel action)
    {
        if (action.Parameters.Any(parameter => registered.IsService(typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))) action.Filters.Add(this);
    }

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is null) continue;
            var validatorType = _validatorTypes.GetOrAdd(argument.GetType(), static type => typeof(IValidator<>).MakeGenericType(type));
            if (context.HttpContext.RequestServices.GetService(validatorType) is IValidator validator)
            {
                var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
                result.AddToModelState(context.ModelState);
            }
        }

        // A JSON body's errors under the names clients send, as the validators' are: "$.price" is price.
        foreach (var (key, errors) in context.ModelState.IsValid ? [] : context.ModelState.Where(entry => entry.Key.StartsWith("$.", StringComparison.Ordinal)).Select(entry => (entry.Key, entry.Value!.Errors.ToList())).ToList())
        {
            context.ModelState.Remove(key);
            foreach (var error in errors) context.ModelState.TryAddModelError(key[2..], error.ErrorMessage);
        }

        await next();
    }
}
