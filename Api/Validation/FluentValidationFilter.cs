using System.Collections.Concurrent;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Api.Validation;

/// <summary>
/// Validates each bound action argument that has a validator, and answers an invalid model as
/// <c>[ApiController]</c> does (its InvalidModelStateResponseFactory). FluentValidation.AspNetCore's
/// auto-validation answers the same at a higher cost per request (docs/design.md).
/// </summary>
internal sealed class FluentValidationFilter(IServiceProvider services, IOptions<ApiBehaviorOptions> apiBehavior) : IActionFilter
{
    private readonly ConcurrentDictionary<Type, IValidator?> _validators = new();

    public void OnActionExecuting(ActionExecutingContext context)
    {
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is not null && ValidatorFor(argument.GetType()) is { } validator)
            {
                validator.Validate(new ValidationContext<object>(argument)).AddToModelState(context.ModelState);
            }
        }

        if (!context.ModelState.IsValid) context.Result = apiBehavior.Value.InvalidModelStateResponseFactory(context);
    }

    public void OnActionExecuted(ActionExecutedContext context) { }

    private IValidator? ValidatorFor(Type type) =>
        _validators.GetOrAdd(type, static (type, services) => services.GetService(typeof(IValidator<>).MakeGenericType(type)) as IValidator, services);
}
