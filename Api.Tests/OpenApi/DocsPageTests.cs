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

    // The sidebar lists every operation only with every tag open; HEAD and OPTIONS are left out by their tag (OpenApiDocumentTests).
    [Test]
    public async Task The_docs_page_opens_every_tag_and_gets_scalars_script_compressed()
    {
        var page = (await GetAsync("/docs/")).Text;
        var script = await SendAsync(new ApiRequest("GET", "/docs/scalar.js") { Headers = [new("Accept-Encoding", "gzip")] });

        Assert.That(page, Does.Contain("\"defaultOpenAllTags\":true"));
        Assert.That((script.Status, script.Headers.ContentEncoding.ToString()), Is.EqualTo((200, "gzip")));
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
