using Api.Problems;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Api.Validation;

/// <summary>
/// Runs <see cref="ArgumentValidator"/> on every argument before an action that MVC's own invoker
/// runs (the direct invoker validates the same way itself).
/// </summary>
public sealed class FluentValidationFilter(ArgumentValidator validator) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is not null && await validator.ValidateAsync(argument, context.HttpContext.RequestAborted) is { } problem)
            {
                context.Result = new ProblemResult(problem);
                return;
            }
        }

        await next();
    }
}
