using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Api.Tests.Contract;

/// <summary>The contract check itself: it accepts what the document describes and flags what it does not.</summary>
public sealed class OpenApiContractTests
{
    private const string Json = "application/json";
    private const string Problem = "application/problem+json";
    private const string Int42 = """{"converter":"int","value":42}""";
    private const string Problem404 = """{"type":"t","title":"Not Found","status":404,"traceId":"x"}""";
    private const string Problem405 = """{"type":"t","title":"Method Not Allowed","status":405,"traceId":"x"}""";

    private static readonly (string, string)[] Validators = [("ETag", "\"x\""), ("Cache-Control", "public, max-age=60"), ("Last-Modified", "Mon, 07 Dec 2026 00:00:00 GMT")];

    private static ApiResponse Answer(int status, string? contentType, string body, string? allow = null, params (string Name, string Value)[] more)
    {
        IHeaderDictionary headers = new HeaderDictionary(more.ToDictionary(header => header.Name, header => new StringValues(header.Value)));
        if (contentType is not null) headers.ContentType = contentType;
        if (allow is not null) headers.Allow = allow;

        return new ApiResponse(status, headers, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>An answer to a request, and the violation it makes: none (null), some (empty), or exactly one naming the given text.</summary>
    public static IEnumerable<TestCaseData> Exchanges()
    {
        TestCaseData Case(string name, string method, string target, ApiResponse answer, string? violation) =>
            new TestCaseData(method, target, answer, violation).SetName(name);

        yield return Case("A documented answer passes", "GET", "/convert/int/42", Answer(200, Json, Int42, null, Validators), null);
        yield return Case("An answer without a header its response requires is a violation", "GET", "/convert/int/42", Answer(200, Json, Int42, null, Validators[1..]), "ETag");
        yield return Case("A shared answer is checked as its reference defines it", "GET", "/convert/int/42", Answer(304, null, "", null, Validators[..1]), "Cache-Control");
        yield return Case("A status the operation does not list falls to its default", "GET", "/convert/int/42", Answer(431, null, ""), null);
        yield return Case("The default has no body", "GET", "/convert/int/42", Answer(431, Problem, Problem404), "lists no content");
        // What a client library sends when a value holds NUL: the server refuses it before the API runs.
        yield return Case("A value outside its parameter's pattern is checked against the operation", "GET", "/convert/int/%00", Answer(400, null, ""), null);
        yield return Case("A value outside its parameter's pattern gets the operation's answers", "GET", "/convert/int/%00", Answer(400, Problem, Problem404), "lists no content");
        yield return Case("A value outside its parameter's pattern must not succeed", "GET", "/convert/int/abc", Answer(200, Json, """{"converter":"int","value":1}""", null, Validators), "outside");
        yield return Case("A body that breaks the schema is a violation", "GET", "/convert/int/42", Answer(200, Json, """{"converter":"int","value":"42"}"""), "");
        yield return Case("A missing required member is a violation", "POST", "/exemple", Answer(200, Json, "{}"), "");
        yield return Case("An unlisted status with a body is a violation", "GET", "/", Answer(418, Problem, Problem404), "418");
        yield return Case("An unlisted media type is a violation", "GET", "/", Answer(200, "text/html", "Hello World"), "text/html");
        yield return Case("A problem without its required members is a violation", "GET", "/convert/int/abc", Answer(404, Problem, """{"title":"Not Found"}"""), "");
        yield return Case("A value the parameter pattern rejects may be 404 problem", "GET", "/convert/int/abc", Answer(404, Problem, Problem404), null);
        yield return Case("A value the parameter pattern rejects is 404 whatever the method", "DELETE", "/convert/int/abc", Answer(405, Problem, Problem404, "GET, HEAD, OPTIONS"), "not 404");
        yield return Case("An allow header other than the documented methods is a violation", "OPTIONS", "/exemple", Answer(200, null, "", "GET, OPTIONS, POST"), "");
        yield return Case("A method the path does not document may be 405 with the documented allow set", "PUT", "/exemple", Answer(405, Problem, Problem405, "OPTIONS, POST"), null);
        yield return Case("A method the path does not document must be 405", "PUT", "/exemple", Answer(200, Json, "{}", "OPTIONS, POST"), "");
    }

    [TestCaseSource(nameof(Exchanges))]
    public void The_check_flags_exactly_what_the_document_does_not_describe(string method, string target, ApiResponse answer, string? violation) =>
        Assert.That(
            OpenApiContract.Violations(method, target, answer),
            violation is null ? Is.Empty : violation.Length == 0 ? Is.Not.Empty : Has.One.Contains(violation));
}
