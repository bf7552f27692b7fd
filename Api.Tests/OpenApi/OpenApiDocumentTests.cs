using System.Text.Json.Nodes;

namespace Api.Tests.OpenApi;

/// <summary>The served document is the committed one, and it says what tools need on every operation.</summary>
public sealed class OpenApiDocumentTests : ApiTestBase
{
    private static JsonObject Committed() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "Api", "OpenApi", "openapi.json")))!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select (path.Key, operation.Key, operation.Value!.AsObject());

    [Test]
    public async Task The_served_document_is_the_committed_one()
    {
        var response = await GetAsync("/openapi/v1.json");
        var served = response.Json!.AsObject();
        var committed = Committed();

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(JsonNode.DeepEquals(served, committed), Is.True, "rebuild Api and commit Api/OpenApi/openapi.json");
    }

    // Prometheus's text format is for operators, not part of the contract: a client generated from the document has no use for it.
    [Test]
    public void The_document_lists_the_health_probes_and_not_the_metrics()
    {
        var paths = Committed()["paths"]!.AsObject().Select(path => path.Key).ToList();

        Assert.That(paths, Does.Contain("/healthz").And.Contain("/readyz"));
        Assert.That(paths, Has.None.StartsWith("/metrics"));
    }

    [Test]
    public void It_is_openapi_3_1_with_info_licence_and_public_security()
    {
        var document = Committed();

        Assert.That((string?)document["openapi"], Does.StartWith("3.1"));
        Assert.That((string?)document["info"]!["title"], Is.Not.Empty);
        Assert.That((string?)document["info"]!["description"], Is.Not.Empty);
        Assert.That((string?)document["info"]!["license"]!["identifier"], Is.EqualTo("MIT"));
        Assert.That(document["security"]!.AsArray(), Is.Empty);
        Assert.That(document["tags"]!.AsArray().Select(t => (string?)t!["description"]), Has.All.Not.Empty);
    }

    [Test]
    public void Every_operation_has_an_id_a_summary_a_description_and_a_described_tag()
    {
        var document = Committed();
        var tags = document["tags"]!.AsArray().Select(t => (string?)t!["name"]).ToHashSet();
        var operations = Operations(document).ToList();

        Assert.That(operations.Select(o => (string?)o.Operation["operationId"]), Is.Unique.And.All.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in operations)
            {
                Assert.That((string?)operation["summary"], Is.Not.Empty, $"{method} {path}");
                Assert.That((string?)operation["description"], Is.Not.Empty, $"{method} {path}");
                Assert.That(operation["tags"]!.AsArray().Select(t => (string?)t), Is.SubsetOf(tags), $"{method} {path}");
            }
        });
    }

    [Test]
    public void Every_error_the_api_writes_is_problem_json_every_refusal_by_the_server_has_no_body_and_every_success_has_an_example()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in Operations(Committed()).Where(o => o.Method is not "head"))
            {
                var responses = operation["responses"]!.AsObject();
                Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "400", "414", "431", "500" }), $"{method} {path}");
                foreach (var (status, response) in responses)
                {
                    var content = response!["content"]?.AsObject();
                    if (status is "414" or "431")
                    {
                        Assert.That(content, Is.Null, $"{method} {path} {status}: Kestrel refuses without a body");
                    }
                    else if (status.StartsWith('4') || status == "500")
                    {
                        Assert.That(content!.Select(c => c.Key), Is.EqualTo(new[] { "application/problem+json" }), $"{method} {path} {status}");
                    }
                    else if (status.StartsWith('2') && method != "options")
                    {
                        Assert.That(content!.Select(c => c.Value!["example"]), Has.All.Not.Null, $"{method} {path} {status}");
                    }
                }
            }
        });
    }

    [Test]
    public void Every_path_documents_options_and_every_405_and_options_answer_names_its_allow_header()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, item) in Committed()["paths"]!.AsObject())
            {
                Assert.That(item!["options"]?["responses"]?["200"]?["headers"]?["Allow"], Is.Not.Null, $"OPTIONS {path}");
                foreach (var (method, operation) in item.AsObject().Where(o => o.Key != "options"))
                {
                    Assert.That(operation!["responses"]!["405"]?["headers"]?["Allow"], Is.Not.Null, $"{method} {path}");
                }
            }
        });
    }

    // The origin that serves the document: the docs page sends its requests wherever the API runs, and a
    // generated client, which has no base URL from it, is given one (Api.Tests/Client does).
    [Test]
    public void Generators_get_a_relative_server_a_contact_and_a_type_that_holds_any_integer()
    {
        var document = Committed();

        Assert.That(document["servers"]!.AsArray().Select(server => (string?)server!["url"]), Is.EqualTo(new[] { "/" }));
        Assert.That((string?)document["info"]!["contact"]!["name"], Is.Not.Empty);
        var integer = document["components"]!["schemas"]!["BigInteger"]!;
        Assert.That(((string?)integer["type"], (string?)integer["format"]), Is.EqualTo(("number", "decimal")));
        Assert.That(document["paths"]!["/"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key), Is.EqualTo(new[] { "text/plain" }));
    }

    [TestCase("/convert/int/{value}", @"^\p{Nd}+$")]
    [TestCase("/convert/float/{value}", @"^\p{Nd}+\.\p{Nd}+$")]
    [TestCase("/convert/uuid/{value}", "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")]
    [TestCase("/convert/string/{value}", @"^[^/\x00]+$")]
    [TestCase("/convert/path/{value}", @"^[^/\x00][^\x00]*$")]
    [TestCase("/convert/list/{value}", @"^[^/\x00]+$")]
    [TestCase("/test/{id_test}", @"^[^/\x00]+$")]
    public void A_path_parameter_is_a_string_as_sent_with_its_converter_pattern(string path, string pattern)
    {
        var schema = Committed()["paths"]![path]!["get"]!["parameters"]![0]!["schema"]!;

        Assert.That((string?)schema["type"], Is.EqualTo("string"));
        Assert.That((string?)schema["pattern"], Is.EqualTo(pattern));
    }

    [Test]
    public void Every_get_and_head_but_the_probes_lists_its_304_its_validators_and_the_conditions_it_reads()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in Operations(Committed()).Where(o => o.Method is "get" or "head"))
            {
                var responses = operation["responses"]!.AsObject();
                var conditions = operation["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "header").Select(p => (string?)p!["name"]).ToList();
                if (path is "/healthz" or "/readyz")
                {
                    Assert.That(responses["304"], Is.Null, $"{method} {path}");
                    Assert.That(responses["200"]!["headers"]!.AsObject().Select(h => h.Key), Is.EqualTo(new[] { "Cache-Control" }), $"{method} {path}");
                    continue;
                }

                Assert.That(responses["200"]!["headers"]!.AsObject().Select(h => h.Key), Is.EquivalentTo(new[] { "ETag", "Cache-Control", "Last-Modified" }), $"{method} {path}");
                Assert.That(responses["304"]!["headers"]!.AsObject().Select(h => h.Key), Is.EquivalentTo(new[] { "ETag", "Cache-Control" }), $"{method} {path}");
                Assert.That(responses["304"]!["content"], Is.Null, $"{method} {path}");
                Assert.That(conditions, Is.EqualTo(new[] { "If-None-Match", "If-Modified-Since" }), $"{method} {path}");
            }
        });
    }

    [Test]
    public void Every_options_operation_lists_the_cors_preflight_answer()
    {
        var options = Operations(Committed()).Where(o => o.Method == "options").ToList();

        Assert.That(options, Is.Not.Empty);
        Assert.That(options.Select(o => o.Operation["responses"]!["204"]?["content"]), Has.All.Null);
        Assert.That(options.Select(o => (string?)o.Operation["responses"]!["204"]?["description"]), Has.All.Contains("Cors:AllowedOrigins"));
    }

    [TestCase("/exemple")]
    [TestCase("/test")]
    public void A_multipart_form_says_its_fields_are_text_parts(string path)
    {
        var multipart = Committed()["paths"]![path]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!;

        Assert.That((string?)multipart["encoding"]!["param1"]!["contentType"], Is.EqualTo("text/plain; charset=utf-8"));
    }

    [TestCase("/exemple", true)]
    [TestCase("/test", false)]
    public void A_form_body_lists_both_media_types_with_the_sent_field_names(string path, bool requiresParam1)
    {
        var content = Committed()["paths"]![path]!["post"]!["requestBody"]!["content"]!.AsObject();

        Assert.That(content.Select(c => c.Key), Is.EquivalentTo(new[] { "application/x-www-form-urlencoded", "multipart/form-data" }));
        var required = content.Select(c => c.Value!["schema"]!["required"]?.AsArray().Select(r => (string?)r).ToArray() ?? []);
        Assert.That(required, Has.All.EqualTo(requiresParam1 ? new[] { "param1" } : Array.Empty<string>()));
    }
}
