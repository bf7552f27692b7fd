using Api.Werkzeug;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Werkzeug;

/// <summary>Which candidate endpoints the matching policy leaves valid for a path: Werkzeug's rules, case by case.</summary>
public sealed class WerkzeugMatcherPolicyTests
{
    private static readonly RouteEndpoint[] Routes =
    [
        Route("/"),
        Route("/test/{id_test}"),
        Route($"/convert/int/{{value:{IntegerConverter.Name}}}"),
        Route($"/convert/path/{{**value:{PathConverter.Name}}}"),
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse("/probe/{id:int}"), 0, EndpointMetadataCollection.Empty, "plain"),
    ];

    private static readonly WerkzeugMatcherPolicy Policy = CreatePolicy();

    [TestCase("/", "/", true)]
    [TestCase("/test/{id_test}", "/test/abc", true)]
    [TestCase("/test/{id_test}", "/test/abc/", false)]
    [TestCase("/test/{id_test}", "/Test/abc", false)]
    [TestCase("/test/{id_test}", "/test//", false)]
    [TestCase("/convert/path/{**value}", "/convert/path/a/b/", true)]
    [TestCase("/convert/path/{**value}", "/convert/Path/a", false)]
    public async Task A_route_takes_a_path_with_its_exact_literals_and_a_trailing_slash_only_into_a_catch_all(string pattern, string path, bool valid)
    {
        Assert.That(await IsValidAsync(Route(pattern), path), Is.EqualTo(valid));
    }

    [Test]
    public async Task Endpoints_outside_werkzeug_routing_keep_aspnetcore_matching()
    {
        var docs = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/docs/{**rest}"), 0, EndpointMetadataCollection.Empty, "docs");

        Assert.That(await IsValidAsync(docs, "/DOCS/"), Is.True);
    }

    [TestCase("/test/abc", true)]
    [TestCase("/convert/int/42", true)]
    [TestCase("/convert/int/abc", false)]
    [TestCase("/convert/path", false)]
    [TestCase("/test/abc/", false)]
    [TestCase("/TEST/abc", false)]
    [TestCase("/unknown", false)]
    [TestCase("/probe/42", true)]
    [TestCase("/Probe/42/", true)]
    [TestCase("/probe/abc", false)]
    public async Task A_405_stands_only_where_some_route_takes_the_path_constraints_included(string path, bool valid)
    {
        var methodNotAllowed = new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "405");

        Assert.That(await IsValidAsync(methodNotAllowed, path), Is.EqualTo(valid));
    }

    [Test]
    public void The_policy_applies_to_werkzeug_routes_and_to_routings_405_endpoints_only()
    {
        var plain = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/docs"), 0, EndpointMetadataCollection.Empty, "docs");

        Assert.That(Policy.AppliesToEndpoints([plain]), Is.False);
        Assert.That(Policy.AppliesToEndpoints([plain, Routes[1]]), Is.True);
        Assert.That(Policy.AppliesToEndpoints([new Endpoint(null, EndpointMetadataCollection.Empty, "405")]), Is.True);
    }

    private static async Task<bool> IsValidAsync(Endpoint endpoint, string path)
    {
        var candidates = new CandidateSet([endpoint], [new RouteValueDictionary()], [0]);
        await Policy.ApplyAsync(new DefaultHttpContext { Request = { Path = path } }, candidates);
        return candidates.IsValidCandidate(0);
    }

    private static RouteEndpoint Route(string pattern) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection(new WerkzeugRulesAttribute()), pattern);

    private static WerkzeugMatcherPolicy CreatePolicy()
    {
        var services = new ServiceCollection().AddLogging().AddRouting().AddWerkzeugRules().BuildServiceProvider();
        return new WerkzeugMatcherPolicy(new DefaultEndpointDataSource(Routes), services.GetRequiredService<ParameterPolicyFactory>());
    }
}
