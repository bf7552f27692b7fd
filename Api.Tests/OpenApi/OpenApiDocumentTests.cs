using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Api.Tests.Contract;
using Api.Werkzeug;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.OpenApi;

/// <summary>The served document is the committed one, and it says what tools need on every operation, each thing once.</summary>
public sealed class OpenApiDocumentTests : ApiTestBase
{
    private static readonly JsonObject Document = OpenApiContract.Committed();

    private static JsonObject Resolve(JsonNode node) => OpenApiContract.Resolve(Document, node).AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in Document["paths"]!.AsObject()
        from operation in OpenApiContract.OperationsOf(path.Value!.AsObject())
        select (path.Key, operation.Key, operation.Value);

    private static JsonObject Responses(JsonObject operation) => operation["responses"]!.AsObject();

    private static IEnumerable<string> Keys(JsonNode? node) => node?.AsObject().Select(member => member.Key) ?? [];

    [Test]
    public async Task The_served_document_is_the_committed_one()
    {
        var response = await GetAsync("/openapi/v1.json");

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(JsonNode.DeepEquals(response.Json, Document), Is.True, "run scripts/regenerate-contract.sh and commit Api/OpenApi/openapi.json");
    }

    // The order every tool shows them in ([DocumentOrder]): the tutorial's, GET / first, then the converters, then the probes.
    // Prometheus's text format is for operators, not part of the contract: a client generated from the document has no use for it.
    [Test]
    public void The_paths_come_in_the_tutorials_order_and_the_metrics_are_not_among_them() =>
        Assert.That(Keys(Document["paths"]), Is.EqualTo(new[]
        {
            "/", "/test", "/test/{id_test}", "/exemple",
            "/convert/string/{value}", "/convert/int/{value}", "/convert/float/{value}", "/convert/path/{value}", "/convert/uuid/{value}", "/convert/list/{value}",
            "/items", "/items/{id}",
            "/healthz", "/readyz",
        }));

    // Scalar's x-scalar-ignore on their tag keeps HEAD and OPTIONS off the docs page's sidebar; other tools see them as operations.
    [Test]
    public void Every_operation_has_an_id_a_summary_a_description_and_a_described_tag_and_head_and_options_one_the_docs_page_hides()
    {
        var tags = Document["tags"]!.AsArray().Select(t => (string?)t!["name"]).ToHashSet();
        var hidden = Document["tags"]!.AsArray().Where(tag => (bool?)tag!["x-scalar-ignore"] == true).Select(tag => (string?)tag!["name"]).ToList();
        var operations = Operations().ToList();

        Assert.That(operations.Select(o => (string?)o.Operation["operationId"]), Is.Unique.And.All.Not.Empty);
        Assert.That(hidden, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in operations)
            {
                var operationTags = operation["tags"]!.AsArray().Select(t => (string?)t).ToList();
                Assert.That((string?)operation["summary"], Is.Not.Empty, $"{method} {path}");
                Assert.That((string?)operation["description"], Is.Not.Empty, $"{method} {path}");
                Assert.That(operationTags, Is.SubsetOf(tags), $"{method} {path}");
                Assert.That(operationTags, method is "head" or "options" ? Is.EqualTo(hidden) : Has.None.AnyOf(hidden.ToArray()), $"{method} {path}");
            }
        });
    }

    // The tutorial's part, written as the committed file is: its paths and every component they reference.
    [Test]
    public void Without_the_items_the_document_is_at_most_60_kb()
    {
        var file = new FileInfo(Path.Combine(RepositoryRoot.Find(), "Api", "OpenApi", "openapi.json")).Length;
        var tutorial = Document.DeepClone().AsObject();
        foreach (var path in Keys(tutorial["paths"]).Where(path => path.StartsWith("/items", StringComparison.Ordinal)).ToList()) tutorial["paths"]!.AsObject().Remove(path);

        while (Keys(tutorial["components"]).SelectMany(kind => Keys(tutorial["components"]![kind]).Select(name => $"#/components/{kind}/{name}")).ToList() is var all
            && all.FirstOrDefault(reference => !tutorial.ToJsonString().Contains($"\"{reference}\"", StringComparison.Ordinal)) is { } unused)
        {
            tutorial["components"]![unused.Split('/')[2]]!.AsObject().Remove(unused.Split('/')[3]);
        }

        Assert.That(Written(Document), Is.EqualTo(file), "written as the file is");
        Assert.That(Written(tutorial), Is.AtMost(60_000));
    }

    private static long Written(JsonObject document) =>
        System.Text.Encoding.UTF8.GetByteCount("\n" + document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    // An answer, header or parameter two operations share is written once, under components, and referenced.
    [Test]
    public void No_answer_header_or_condition_is_written_out_twice()
    {
        var inline = new List<(string Where, JsonNode Response)>();
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in Operations())
            {
                foreach (var (status, response) in Responses(operation).Where(r => r.Value!["$ref"] is null))
                {
                    inline.Add(($"{method} {path} {status}", response!));
                    Assert.That(response!["headers"]?.AsObject().Select(h => h.Value!["$ref"]) ?? [], Has.All.Not.Null, $"{method} {path} {status}: its headers");
                }

                var conditions = operation["parameters"]?.AsArray().Where(p => p!["$ref"] is null && (string?)p["in"] == "header").Select(p => (string?)p!["name"]);
                Assert.That(conditions, Is.Null.Or.Empty, $"{method} {path}: its header parameters");
            }

            var repeated = inline.GroupBy(r => r.Response.ToJsonString()).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(r => r.Where)));
            Assert.That(repeated, Is.Empty);
        });
    }

    // The probes' 503 is their own answer, not an error of the request: the unhealthy report, as JSON.
    [Test]
    public void Every_error_the_api_writes_is_a_problem_and_the_servers_refusals_list_no_media_type()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in Operations().Where(o => o.Method is not "head"))
            {
                var responses = Responses(operation);
                var bindsOnlyItsPath = operation["requestBody"] is null && operation["parameters"]?.AsArray().Any(p => (string?)p!["in"] == "query") != true;
                Assert.That(Keys(responses), Does.Contain("400").And.Contain("500").And.Contain("default"), $"{method} {path}");
                Assert.That(Resolve(responses["default"]!)["content"], Is.Null, $"{method} {path} default: the server's refusals");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5' && r.Key != "503"))
                {
                    var content = Keys(Resolve(response!)["content"]);
                    Assert.That(content, status == "400" && bindsOnlyItsPath ? Is.Empty : Is.EqualTo(new[] { "application/problem+json" }), $"{method} {path} {status}");
                }
            }
        });
    }

    [Test]
    public void Every_success_but_options_and_head_has_an_example()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in Operations().Where(o => o.Method is "get" or "post" or "put"))
            {
                var media = Resolve(Responses(operation).First(response => response.Key[0] == '2').Value!)["content"]!.AsObject();
                Assert.That(media.Select(m => m.Value!["example"]), Has.All.Not.Null, $"{method} {path}");
            }
        });
    }

    // A 405 answers a method the path does not take: it belongs to no operation. The path's OPTIONS names what it takes,
    // and lists the CORS preflight's answer.
    [Test]
    public void Every_path_has_an_options_operation_naming_its_methods_and_the_preflight_and_no_operation_lists_405()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, item) in Document["paths"]!.AsObject())
            {
                var options = item!["options"];
                Assert.That(options, Is.Not.Null, path);
                Assert.That(Keys(Resolve(Responses(options!.AsObject())["200"]!)["headers"]), Is.EqualTo(new[] { "Allow" }), path);
                var preflight = Resolve(Responses(options.AsObject())["204"]!);
                Assert.That(preflight["content"], Is.Null, path);
                Assert.That((string?)preflight["description"], Does.Contain("Cors:AllowedOrigins"), path);
            }

            Assert.That(Operations().Where(o => Responses(o.Operation)["405"] is not null).Select(o => $"{o.Method} {o.Path}"), Is.Empty);
        });
    }

    // HEAD is GET without the body (RFC 9110 §9.3.2): the 200's headers, no content anywhere, GET's other statuses as its default.
    [Test]
    public void Every_head_lists_the_headers_of_its_gets_200_and_no_content()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, item) in Document["paths"]!.AsObject())
            {
                if (item!["head"] is not JsonObject head) continue;

                var responses = Responses(head);
                Assert.That(Keys(responses), Is.EqualTo(new[] { "200", "400", "default" }), path);
                Assert.That(Keys(Resolve(responses["200"]!)["headers"]), Is.EquivalentTo(Keys(Resolve(Responses(item["get"]!.AsObject())["200"]!)["headers"])), path);
                Assert.That(responses.Select(r => Resolve(r.Value!)["content"]), Has.All.Null, path);
            }
        });
    }

    // The origin that serves the document: the docs page sends its requests wherever the API runs, and a
    // generated client, which has no base URL from it, is given one (Api.Tests/Client does).
    [Test]
    public void It_is_openapi_3_1_with_info_a_licence_a_contact_public_security_a_relative_server_and_a_type_that_holds_any_integer()
    {
        Assert.That((string?)Document["openapi"], Does.StartWith("3.1"));
        Assert.That(new[] { Document["info"]!["title"], Document["info"]!["description"], Document["info"]!["contact"]!["name"] }.Select(text => (string?)text), Has.All.Not.Empty);
        Assert.That((string?)Document["info"]!["license"]!["identifier"], Is.EqualTo("MIT"));
        Assert.That(Document["security"]!.AsArray(), Is.Empty);
        Assert.That(Document["tags"]!.AsArray().Select(t => (string?)t!["description"]), Has.All.Not.Empty);
        Assert.That(Document["servers"]!.AsArray().Select(server => (string?)server!["url"]), Is.EqualTo(new[] { "/" }));
        var integer = Document["components"]!["schemas"]!["BigInteger"]!;
        Assert.That(((string?)integer["type"], (string?)integer["format"]), Is.EqualTo(("number", "decimal")));
        Assert.That(Keys(Resolve(Responses(Document["paths"]!["/"]!["get"]!.AsObject())["200"]!)["content"]), Is.EqualTo(new[] { "text/plain" }));
    }

    // Names from [SchemaName] where the framework's would not read well (ConversionResponseOfBigInteger); the DTOs' own
    // types say which member may be null, the request's validator which are required, and the problems' schemas hold no null.
    [Test]
    public void The_schemas_are_named_for_readers_and_allow_null_only_where_their_types_do()
    {
        var schemas = Document["components"]!["schemas"]!.AsObject();
        var nullable = schemas.SelectMany(schema => (schema.Value!["properties"]?.AsObject() ?? [])
            .Where(property => property.Value!["type"]?.ToJsonString().Contains("\"null\"", StringComparison.Ordinal) == true)
            .Select(property => $"{schema.Key}.{property.Key}"));

        Assert.That(Keys(schemas), Is.SupersetOf(new[] { "ConversionOfString", "ConversionOfInteger", "ConversionOfNumber", "ConversionOfStringList", "ExempleResponse", "ExempleForm" }));
        Assert.That(Keys(schemas["ConversionOfInteger"]!["properties"]), Is.EqualTo(new[] { "converter", "value" }));
        Assert.That(nullable, Is.EquivalentTo(new[] { "ItemPageResponse.next", "ItemRequest.description", "ItemResponse.description" }));
        Assert.That(schemas["ItemRequest"]!["required"]!.AsArray().Select(name => (string?)name), Is.EquivalentTo(new[] { "name", "price" }));
        Assert.That((string?)schemas["ItemResponse"]!["properties"]!["price"]!["format"], Is.EqualTo("decimal"));
    }

    /// <summary>
    /// Each path parameter is a string, as sent, whose pattern accepts exactly the segments its route's converter does
    /// (Werkzeug's default one where the route names none), NUL aside, which the server refuses in any path. Segments
    /// are generated: digits of several scripts, dots, dashes, slashes, UUID-shaped text, control characters and others.
    /// </summary>
    [Test]
    public void A_path_parameters_pattern_accepts_exactly_the_segments_its_converter_accepts()
    {
        var descriptions = Factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(group => group.Items);
        var converters = (
            from description in descriptions.Where(description => description.ActionDescriptor.EndpointMetadata.OfType<WerkzeugRulesAttribute>().Any())
            from parameter in description.ParameterDescriptions.Where(p => p.Source == BindingSource.Path)
            select (Path: "/" + Regex.Replace(description.RelativePath!, @"\{\**([^:}=?]+)[^}]*\}", "{$1}"), parameter.Name, Accepts: Acceptance(parameter)))
            .DistinctBy(p => (p.Path, p.Name)).ToList();
        var documented = (
            from path in Document["paths"]!.AsObject().Where(path => !path.Key.StartsWith("/items", StringComparison.Ordinal))
            from parameter in path.Value!["parameters"]?.AsArray() ?? []
            select (Path: path.Key, Name: (string)parameter!["name"]!, Schema: parameter["schema"]!)).ToList();

        Assert.That(documented.Select(p => (p.Path, p.Name)), Is.EquivalentTo(converters.Select(c => (c.Path, c.Name))));
        foreach (var (path, name, schema) in documented)
        {
            Assert.That((string?)schema["type"], Is.EqualTo("string"), path);
            var pattern = new Regex(((string)schema["pattern"]!)[..^1] + @"\z", RegexOptions.CultureInvariant);
            var accepts = converters.Single(c => (c.Path, c.Name) == (path, name)).Accepts;
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(Segments, segment =>
                pattern.IsMatch(segment) == (accepts(segment) && !segment.Contains('\0', StringComparison.Ordinal))).Label($"{path} {name}"));
        }
    }

    private static Func<string, bool> Acceptance(ApiParameterDescription parameter) =>
        parameter.RouteInfo?.Constraints?.OfType<WerkzeugConverter>().FirstOrDefault() is IRouteConstraint converter
            ? segment => converter.Match(null, null, parameter.Name, new RouteValueDictionary { [parameter.Name] = segment }, RouteDirection.IncomingRequest)
            : segment => segment.Length > 0 && !segment.Contains('/', StringComparison.Ordinal);

    private static Arbitrary<string> Segments
    {
        get
        {
            const string Characters = "0123456789.-+/%_ aAbBfFeEgxz{}\n\t\0\u007f\u0663\uFF11\u00B2\u00E9";
            var text = Gen.Choose(0, 24).SelectMany(length => Gen.ArrayOf(Gen.Elements(Characters.ToCharArray()), length)).Select(chars => new string(chars));
            var digits = Gen.Choose(1, 30).SelectMany(length => Gen.ArrayOf(Gen.Elements("0123456789\u0663\uFF11".ToCharArray()), length)).Select(chars => new string(chars));
            var decimals = Gen.Zip(digits, digits).Select(parts => $"{parts.Item1}.{parts.Item2}");
            var uuids =
                from uuid in Gen.Fresh(Guid.NewGuid)
                from dashed in Gen.Elements(true, true, false)
                from at in Gen.Choose(0, 80)
                from character in Gen.Elements(Characters.ToCharArray())
                from upper in Gen.Elements(true, false)
                let written = new StringBuilder(uuid.ToString(dashed ? "D" : "N"))
                select Mutated(written, at, character, upper);
            return Gen.OneOf(text, digits, decimals, uuids, Gen.Elements("", "a", "a/b", "a/b/", "/a", "a++b", "+", "\0", "a\0b")).ToArbitrary();
        }
    }

    /// <summary>A UUID's text with one character replaced, where <paramref name="at"/> falls within it, in either case.</summary>
    private static string Mutated(StringBuilder uuid, int at, char character, bool upper)
    {
        if (at < uuid.Length) uuid[at] = character;
        return upper ? uuid.ToString().ToUpperInvariant() : uuid.ToString();
    }

    [Test]
    public void Every_get_and_head_but_the_probes_lists_its_304_and_412_its_validators_and_the_conditions_it_reads()
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in Operations().Where(o => o.Method is "get" or "head"))
            {
                var responses = Responses(operation);
                var ok = Resolve(responses["200"]!);
                var conditions = operation["parameters"]?.AsArray().Select(p => Resolve(p!)).Where(p => (string?)p["in"] == "header").Select(p => (string?)p["name"]).ToList();
                if (path is "/healthz" or "/readyz")
                {
                    Assert.That(responses["304"], Is.Null, $"{method} {path}");
                    Assert.That(conditions, Is.Null.Or.Empty, $"{method} {path}");
                    Assert.That(Keys(ok["headers"]), Is.EqualTo(new[] { "Cache-Control" }), $"{method} {path}");
                    Assert.That((string?)Resolve(ok["headers"]!["Cache-Control"]!)["description"], Does.Contain("no-store"), $"{method} {path}");
                    continue;
                }

                // A page of items has no one last change: it is revalidated by its ETag alone, and says where the next page is.
                Assert.That(Keys(ok["headers"]), Is.EquivalentTo(path == "/items" ? ["ETag", "Cache-Control", "Link"] : new[] { "ETag", "Cache-Control", "Last-Modified" }), $"{method} {path}");
                if (method == "get")
                {
                    // HEAD takes its GET's conditions, as its description says.
                    Assert.That(conditions, Is.EqualTo(new[] { "If-None-Match", "If-Modified-Since" }), $"{method} {path}");
                    Assert.That(Resolve(responses["412"]!)["content"]?["application/problem+json"], Is.Not.Null, $"{method} {path}");
                    var notModified = Resolve(responses["304"]!);
                    Assert.That(Keys(notModified["headers"]), Is.EquivalentTo(new[] { "ETag", "Cache-Control" }), $"{method} {path}");
                    Assert.That(notModified["content"], Is.Null, $"{method} {path}");
                }
            }
        });
    }

    [TestCase("/exemple", true)]
    [TestCase("/test", false)]
    public void A_form_body_lists_both_media_types_with_the_sent_field_names_as_text_parts(string path, bool requiresParam1)
    {
        var content = Document["paths"]![path]!["post"]!["requestBody"]!["content"]!.AsObject();
        var schemas = content.Select(c => Resolve(c.Value!["schema"]!)).ToList();

        Assert.That(Keys(content), Is.EquivalentTo(new[] { "application/x-www-form-urlencoded", "multipart/form-data" }));
        Assert.That(schemas.Select(s => Keys(s["properties"])), Has.All.Contains("param1"));
        Assert.That(schemas.Select(s => s["required"]?.AsArray().Select(r => (string?)r).ToArray() ?? []), Has.All.EqualTo(requiresParam1 ? new[] { "param1" } : Array.Empty<string>()));
        Assert.That((string?)content["multipart/form-data"]!["encoding"]!["param1"]!["contentType"], Is.EqualTo("text/plain; charset=utf-8"));
    }
}
