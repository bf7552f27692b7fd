using System.Text.Json.Nodes;

namespace Api.Tests.Parity;

/// <summary>
/// Replays every exchange recorded from the reference Flask app against the in-memory server:
/// same status, same Allow set, and the same body where Flask answers successfully (text
/// byte for byte, JSON as a value). Where Flask answers an HTML error page, this API answers
/// problem+json with the same status. Re-record with <c>record.py</c> beside this file.
/// </summary>
public sealed class ParityTests : ApiTestBase
{
    public static IEnumerable<TestCaseData> Tutorial => Transcript.Load("tutorial.json");

    public static IEnumerable<TestCaseData> Converters => Transcript.Load("converters.json");

    [TestCaseSource(nameof(Tutorial))]
    [TestCaseSource(nameof(Converters))]
    public async Task Answers_as_the_reference_flask_app(Transcript transcript)
    {
        var request = transcript.Request;
        var body = request.BodyBytes;
        var headers = request.Headers?.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
        var sent = new ApiRequest(request.Method, request.Path) { Headers = headers }
            .WithBody(body, body is null ? null : request.Headers?.GetValueOrDefault("Content-Type"));

        var actual = await Factory.SendAsync(sent);

        var flask = transcript.Flask;
        Assert.That(actual.Status, Is.EqualTo(flask.Status), "status");
        Assert.That(actual.Allow?.Split(", ").Order(StringComparer.Ordinal), Is.EqualTo(flask.Allow), "Allow");
        if (request.Method is "HEAD" or "OPTIONS")
        {
            Assert.That(actual.Body, Is.Empty, "a HEAD or OPTIONS answer has no body");
            if (flask.Status == 200 && flask.ContentType?.StartsWith("text/", StringComparison.Ordinal) == true)
            {
                Assert.That(actual.ContentLength, Is.EqualTo(flask.ContentLength), "Content-Length");
            }
        }
        else if (flask.Status >= 400)
        {
            ProblemAssert.IsProblem(actual, flask.Status);
        }
        else if (flask.ContentType == "application/json")
        {
            Assert.That(actual.ContentType, Is.EqualTo("application/json"));
            Assert.That(JsonEquivalence.AreEquivalent(JsonNode.Parse(flask.Body!), actual.Json), Is.True, $"expected {flask.Body}, got {actual.Text}");
        }
        else
        {
            Assert.That(actual.ContentType, Is.EqualTo("text/plain; charset=utf-8"));
            Assert.That(actual.Text, Is.EqualTo(flask.Body));
        }
    }
}
