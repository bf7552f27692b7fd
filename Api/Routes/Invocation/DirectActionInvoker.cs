using Api.Problems;
using Api.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Api.Routes.Invocation;

/// <summary>
/// Runs one request of a planned action: creates the controller, binds the arguments, validates
/// them with FluentValidation, calls the action and writes its result. It answers as MVC's filter
/// pipeline did (a validation failure is 400, an unreadable body is its 4xx), without that
/// pipeline's per-request machinery.
/// </summary>
public sealed class DirectActionInvoker(ActionPlan plan, ActionContext actionContext, ArgumentValidator validator) : IActionInvoker
{
    public async Task InvokeAsync()
    {
        var http = actionContext.HttpContext;
        var result = await RunAsync(http);
        await result.ExecuteResultAsync(actionContext);
    }

    private async ValueTask<IActionResult> RunAsync(HttpContext http)
    {
        object?[] arguments;
        try
        {
            arguments = await plan.BindAsync(http);
        }
        catch (BadHttpRequestException badRequest)
        {
            return new ProblemResult(ProblemFactory.ForUnreadableRequest(badRequest));
        }

        if (plan.Validates)
        {
            foreach (var argument in arguments)
            {
                if (argument is not null && await validator.ValidateAsync(argument, http.RequestAborted) is { } problem)
                {
                    return new ProblemResult(problem);
                }
            }
        }

        var controller = plan.CreateController(http);
        if (controller is ControllerBase controllerBase)
        {
            controllerBase.ControllerContext = new ControllerContext(actionContext);
        }

        return await plan.CallAsync(controller, arguments);
    }
}
