using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Api.Tests.Contract;

/// <summary>The contract check itself: it accepts what the document describes and flags what it does not.</summary>
public sealed class OpenApiContractTests
{
    private static ApiResponse Answer(int status, string? contentType, string body, string? allow = null, params (string Name, string Value)[] more)
    {
        IHeaderDictionary headers = new HeaderDictionary(more.ToDictionary(header => header.Name, header => new StringValues(header.Value)));
        if (contentType is not null) headers.ContentType = contentType;
        if (allow is not null) headers.Allow = allow;

        return new ApiResponse(status, headers, Encoding.UTF8.GetBytes(body));
    }

    private const string Problem404 = """{"type":"t","title":"Not Found","status":404,"traceId":"x"}""";

    private static readonly (string, string)[] Validators = [("ETag", "\"x\""), ("Cache-Control", "public, max-age=60"), ("Last-Modified", "Mon, 07 Dec 2026 00:00:00 GMT")];

    [Test]
    public void A_documented_answer_passes() =>
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/42", Answer(200, "application/json", """{"converter":"int","value":42}""", null, Validators)), Is.Empty);

    [Test]
    public void An_answer_without_a_header_its_response_requires_is_a_violation() =>
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/42", Answer(200, "application/json", """{"converter":"int","value":42}""", null, Validators[1..])), Has.One.Contains("ETag"));

    [Test]
    public void A_shared_answer_is_checked_as_its_reference_defines_it() =>
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/42", Answer(304, null, "", null, Validators[..1])), Has.One.Contains("Cache-Control"));

    [Test]
    public void A_status_the_operation_does_not_list_falls_to_its_default_which_has_no_body()
    {
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/42", Answer(431, null, "")), Is.Empty);
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/42", Answer(431, "application/problem+json", Problem404)), Has.One.Contains("lists no content"));
    }

    // What a client library sends when a value holds NUL: the server refuses it before the API runs.
    [Test]
    public void A_value_outside_its_parameters_pattern_is_checked_against_the_operation_and_must_not_succeed()
    {
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/%00", Answer(400, null, "")), Is.Empty);
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/%00", Answer(400, "application/problem+json", Problem404)), Has.One.Contains("lists no content"));
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/abc", Answer(200, "application/json", """{"converter":"int","value":1}""", null, Validators)), Has.One.Contains("outside"));
    }

    [Test]
    public void A_body_that_breaks_the_schema_is_a_violation() =>
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/42", Answer(200, "application/json", """{"converter":"int","value":"42"}""")), Is.Not.Empty);

    [Test]
    public void A_missing_required_member_is_a_violation() =>
        Assert.That(OpenApiContract.Violations("POST", "/exemple", Answer(200, "application/json", "{}")), Is.Not.Empty);

    [Test]
    public void An_unlisted_status_with_a_body_is_a_violation() =>
        Assert.That(OpenApiContract.Violations("GET", "/", Answer(418, "application/problem+json", Problem404)), Has.One.Contains("418"));

    [Test]
    public void An_unlisted_media_type_is_a_violation() =>
        Assert.That(OpenApiContract.Violations("GET", "/", Answer(200, "text/html", "Hello World")), Has.One.Contains("text/html"));

    [Test]
    public void A_problem_without_its_required_members_is_a_violation() =>
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/abc", Answer(404, "application/problem+json", """{"title":"Not Found"}""")), Is.Not.Empty);

    [Test]
    public void A_value_the_parameter_pattern_rejects_may_be_404_problem()
    {
        Assert.That(OpenApiContract.Violations("GET", "/convert/int/abc", Answer(404, "application/problem+json", Problem404)), Is.Empty);
        Assert.That(OpenApiContract.Violations("DELETE", "/convert/int/abc", Answer(405, "application/problem+json", Problem404, "GET, HEAD, OPTIONS")), Has.One.Contains("not 404"));
    }

    [Test]
    public void An_allow_header_other_than_the_documented_methods_is_a_violation() =>
        Assert.That(OpenApiContract.Violations("OPTIONS", "/exemple", Answer(200, null, "", "GET, OPTIONS, POST")), Is.Not.Empty);

    [Test]
    public void A_method_the_path_does_not_document_must_be_405_with_the_documented_allow_set()
    {
        var problem = """{"type":"t","title":"Method Not Allowed","status":405,"traceId":"x"}""";

        Assert.That(OpenApiContract.Violations("PUT", "/exemple", Answer(405, "application/problem+json", problem, "OPTIONS, POST")), Is.Empty);
        Assert.That(OpenApiContract.Violations("PUT", "/exemple", Answer(200, "application/json", "{}", "OPTIONS, POST")), Is.Not.Empty);
    }
}
