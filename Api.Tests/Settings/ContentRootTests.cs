using Api.Settings;
using Microsoft.Extensions.Configuration;

namespace Api.Tests.Settings;

/// <summary>The content root: the API's own folder unless one is configured, and in either case a folder the API can list.</summary>
public sealed class ContentRootTests
{
    private static string? Default(string? configured) =>
        ContentRoot.Default(new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("contentRoot", configured)]).Build());

    [Test]
    public void A_relative_one_is_resolved_from_the_apis_own_folder_as_the_host_does()
    {
        Assert.That(Default("."), Is.Null);
        Assert.That(Assert.Throws<UnreadableContentRootException>(() => Default("nope"))!.Message,
            Is.EqualTo($"Cannot start: The content root {Path.Combine(AppContext.BaseDirectory, "nope")} does not exist."));
    }
}
