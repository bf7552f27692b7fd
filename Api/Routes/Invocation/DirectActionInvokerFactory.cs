using System.Collections.Concurrent;
using Api.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Api.Routes.Invocation;

/// <summary>
/// Gives every controller action an <see cref="ActionPlan"/> the direct invoker can run; any
/// action it cannot plan goes to MVC's own invoker (<paramref name="mvc"/>), filters and all.
/// MVC's invoker factory, and the services behind it, are created only if an action needs it.
/// </summary>
public sealed class DirectActionInvokerFactory(Lazy<IActionInvokerFactory> mvc, ArgumentValidator validator, IServiceProvider root, ServiceLifetimes lifetimes) : IActionInvokerFactory
{
    private readonly ConcurrentDictionary<ActionDescriptor, ActionPlan?> _plans = new();

    public IActionInvoker? CreateInvoker(ActionContext actionContext)
    {
        ArgumentNullException.ThrowIfNull(actionContext);
        var plan = _plans.GetOrAdd(actionContext.ActionDescriptor, Plan);
        return plan is null ? mvc.Value.CreateInvoker(actionContext) : new DirectActionInvoker(plan, actionContext, validator);
    }

    /// <summary>The plan of an action, or null when MVC's own invoker must run it.</summary>
    public ActionPlan? Plan(ActionDescriptor action) =>
        action is ControllerActionDescriptor controllerAction ? ActionPlan.TryCreate(controllerAction, validator, root, lifetimes) : null;
}
