namespace Api.Tests.OpenApi;

/// <summary><c>/docs</c>: Scalar's interactive docs, served whole by the API so they work offline.</summary>
public sealed class DocsPageTests : ApiTestBase
{
    [Test]
    public async Task The_docs_page_loads_its_script_from_the_api_and_the_document_it_describes()
    {
        var page = await GetAsync("/docs/");

        Assert.That(page.Status, Is.EqualTo(200));
        Assert.That(page.ContentType, Does.StartWith("text/html"));
        Assert.That(page.Text, Does.Contain("src=\"scalar.js\""));
        Assert.That(page.Text, Does.Contain("openapi/v1.json"));
        Assert.That((await GetAsync("/docs/scalar.js")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task The_docs_page_turns_off_everything_that_needs_the_internet()
    {
        var page = (await GetAsync("/docs/")).Text;

        Assert.That(page, Does.Contain("\"withDefaultFonts\":false"));
        Assert.That(page, Does.Contain("\"agent\":{\"disabled\":true}"));
        Assert.That(page, Does.Contain("\"mcp\":{\"disabled\":true}"));
        Assert.That(page, Does.Contain("\"telemetry\":false"));
        Assert.That(page, Does.Not.Contain("https://"));
    }
}
