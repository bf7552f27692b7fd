using Api.Routes.Invocation;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Integration.Hosting;

/// <summary>Every controller action runs through the direct invoker, none falls back to MVC's.</summary>
public sealed class DirectInvokerTests : ApiTestBase
{
    [Test]
    public void Every_action_has_a_plan_the_direct_invoker_runs()
    {
        var actions = Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .ToList();
        var invokers = (DirectActionInvokerFactory)Factory.Services.GetRequiredService<IActionInvokerFactory>();

        Assert.That(actions, Is.Not.Empty);
        Assert.That(actions.Where(action => invokers.Plan(action) is null).Select(action => action.DisplayName), Is.Empty);
    }

    [Test]
    public void Only_form_actions_validate_and_controllers_needing_only_singletons_share_the_root_services()
    {
        var actions = Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>();
        var invokers = (DirectActionInvokerFactory)Factory.Services.GetRequiredService<IActionInvokerFactory>();

        var validating = actions.Where(action => invokers.Plan(action)!.Validates).Select(action => action.ActionName);

        Assert.That(validating, Is.EquivalentTo(new[] { "Transform" }));
        Assert.That(Factory.Services.GetRequiredService<ServiceLifetimes>().NeedsOnlySingletons(typeof(Api.Routes.HelloController)), Is.True);
    }
}
