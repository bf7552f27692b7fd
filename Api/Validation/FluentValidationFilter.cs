using System.Collections.Concurrent;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Api.Validation;

/// <summary>
/// Validates every action argument that has a FluentValidation validator once MVC has bound it, and
/// answers an invalid model (a binding error, or a validator's) exactly as <c>[ApiController]</c>
/// does: with <see cref="ApiBehaviorOptions.InvalidModelStateResponseFactory"/>, a 400 from MVC's
/// ProblemDetailsFactory. FluentValidation.AspNetCore's auto-validation answers the same but costs
/// more on every request (see docs/design.md).
/// </summary>
public sealed class FluentValidationFilter(IServiceProvider services, IOptions<ApiBehaviorOptions> apiBehavior) : IActionFilter
{
    private readonly ConcurrentDictionary<Type, IValidator?> _validators = new();

    public void OnActionExecuting(ActionExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is not null && ValidatorFor(argument.GetType()) is { } validator)
            {
                validator.Validate(new ValidationContext<object>(argument)).AddToModelState(context.ModelState);
            }
        }

        if (!context.ModelState.IsValid)
        {
            context.Result = apiBehavior.Value.InvalidModelStateResponseFactory(context);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    private IValidator? ValidatorFor(Type type) =>
        _validators.GetOrAdd(type, static (type, services) => services.GetService(typeof(IValidator<>).MakeGenericType(type)) as IValidator, services);
}
