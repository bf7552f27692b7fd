using Api.Methods;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace Api.Tests.Methods;

/// <summary>Which actions the convention lets answer HEAD (the answers themselves: Werkzeug/MethodTests).</summary>
public sealed class HeadForGetConventionTests
{
    private static SelectorModel Apply(params string[] methods)
    {
        var selector = new SelectorModel();
        if (methods.Length > 0)
        {
            selector.ActionConstraints.Add(new HttpMethodActionConstraint(methods));
            selector.EndpointMetadata.Add(new HttpMethodMetadata(methods));
        }

        var action = new ActionModel(typeof(HeadForGetConventionTests).GetMethod(nameof(Apply), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, []);
        action.Selectors.Add(selector);
        new HeadForGetConvention().Apply(action);
        return selector;
    }

    private static string[] Methods(SelectorModel selector) =>
        [.. selector.ActionConstraints.OfType<HttpMethodActionConstraint>().Single().HttpMethods, "|", .. selector.EndpointMetadata.OfType<HttpMethodMetadata>().Single().HttpMethods];

    [Test]
    public void A_get_action_answers_head_too_for_routing_and_the_api_explorer_alike() =>
        Assert.That(Methods(Apply("GET")), Is.EqualTo(new[] { "GET", "HEAD", "|", "GET", "HEAD" }));

    [TestCase("POST")]
    [TestCase("GET", "HEAD")]
    public void Other_actions_keep_their_methods(params string[] methods) =>
        Assert.That(Methods(Apply(methods)), Is.EqualTo(methods.Append("|").Concat(methods)));

    [Test]
    public void An_action_that_takes_any_method_is_left_as_it_is()
    {
        var selector = Apply();

        Assert.That(selector.ActionConstraints, Is.Empty);
        Assert.That(selector.EndpointMetadata, Is.Empty);
    }
}
