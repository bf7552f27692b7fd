using Api.Responses;
using Microsoft.AspNetCore.Http;

namespace Api.Tests.Responses;

/// <summary>RFC 9110 §13.2.2's evaluation, for a representation whose ETag is <c>"v2"</c> and whose Last-Modified is noon, 1 June 2026.</summary>
public sealed class PreconditionsTests
{
    private const string Noon = "Mon, 01 Jun 2026 12:00:00 GMT";
    private const string Before = "Mon, 01 Jun 2026 11:59:59 GMT";
    private const string After = "Mon, 01 Jun 2026 12:00:01 GMT";

    private const string Current = "\"v2\"";
    private static readonly DateTimeOffset Modified = DateTimeOffset.Parse("2026-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static PreconditionOutcome Evaluate(string method, params (string Name, string Value)[] headers) => Evaluate(method, Modified, headers);

    private static PreconditionOutcome Evaluate(string method, DateTimeOffset? lastModified, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        foreach (var (name, value) in headers) context.Request.Headers.Append(name, value);

        return Preconditions.Evaluate(context.Request, Current, lastModified);
    }

    [TestCase("\"v2\"", "Proceed")]
    [TestCase("*", "Proceed")]
    [TestCase("\"v1\", \"v2\"", "Proceed")]
    [TestCase("\"v1\"", "Failed")]
    [TestCase("W/\"v2\"", "Failed")]
    public void If_match_compares_strongly(string ifMatch, string expected)
    {
        Assert.That(Evaluate("PUT", ("If-Match", ifMatch)), Is.EqualTo(Enum.Parse<PreconditionOutcome>(expected)));
        Assert.That(Evaluate("GET", ("If-Match", ifMatch)), Is.EqualTo(Enum.Parse<PreconditionOutcome>(expected)));
    }

    [TestCase("\"v2\"", "NotModified")]
    [TestCase("W/\"v2\"", "NotModified")]
    [TestCase("\"v1\", W/\"v2\"", "NotModified")]
    [TestCase("*", "NotModified")]
    [TestCase("\"v1\"", "Proceed")]
    public void If_none_match_compares_weakly_and_is_304_for_reads(string ifNoneMatch, string expected)
    {
        Assert.That(Evaluate("GET", ("If-None-Match", ifNoneMatch)), Is.EqualTo(Enum.Parse<PreconditionOutcome>(expected)));
        Assert.That(Evaluate("HEAD", ("If-None-Match", ifNoneMatch)), Is.EqualTo(Enum.Parse<PreconditionOutcome>(expected)));
    }

    [TestCase("\"v2\"", "Failed")]
    [TestCase("*", "Failed")]
    [TestCase("\"v1\"", "Proceed")]
    public void If_none_match_that_matches_fails_a_change(string ifNoneMatch, string expected) =>
        Assert.That(Evaluate("DELETE", ("If-None-Match", ifNoneMatch)), Is.EqualTo(Enum.Parse<PreconditionOutcome>(expected)));

    [Test]
    public void A_field_that_is_not_star_alone_or_a_list_of_etags_is_ignored([Values("d*,9*", "*, \"v1\"", "v2", "\"v2", "", ",")] string value)
    {
        Assert.That(Evaluate("GET", ("If-None-Match", value)), Is.EqualTo(PreconditionOutcome.Proceed));
        Assert.That(Evaluate("PUT", ("If-Match", value)), Is.EqualTo(PreconditionOutcome.Proceed));
    }

    [TestCase(Noon, "Proceed")]
    [TestCase(After, "Proceed")]
    [TestCase(Before, "Failed")]
    [TestCase("yesterday", "Proceed")]
    public void If_unmodified_since_fails_when_the_representation_is_newer(string date, string expected) =>
        Assert.That(Evaluate("PUT", ("If-Unmodified-Since", date)), Is.EqualTo(Enum.Parse<PreconditionOutcome>(expected)));

    [TestCase(Noon, "NotModified")]
    [TestCase(After, "NotModified")]
    [TestCase(Before, "Proceed")]
    [TestCase("yesterday", "Proceed")]
    public void If_modified_since_is_304_when_the_representation_is_not_newer(string date, string expected) =>
        Assert.That(Evaluate("GET", ("If-Modified-Since", date)), Is.EqualTo(Enum.Parse<PreconditionOutcome>(expected)));

    [Test]
    public void If_modified_since_is_only_for_reads() =>
        Assert.That(Evaluate("PUT", ("If-Modified-Since", Noon)), Is.EqualTo(PreconditionOutcome.Proceed));

    [Test]
    public void If_unmodified_since_is_ignored_when_if_match_is_sent() =>
        Assert.That(Evaluate("PUT", ("If-Match", "\"v2\""), ("If-Unmodified-Since", Before)), Is.EqualTo(PreconditionOutcome.Proceed));

    [Test]
    public void If_modified_since_is_ignored_when_if_none_match_is_sent()
    {
        Assert.That(Evaluate("GET", ("If-None-Match", "\"v1\""), ("If-Modified-Since", After)), Is.EqualTo(PreconditionOutcome.Proceed));
        Assert.That(Evaluate("GET", ("If-None-Match", "\"v2\""), ("If-Modified-Since", Before)), Is.EqualTo(PreconditionOutcome.NotModified));
    }

    [Test]
    public void If_match_is_evaluated_before_if_none_match() =>
        Assert.That(Evaluate("GET", ("If-Match", "\"v1\""), ("If-None-Match", "\"v2\"")), Is.EqualTo(PreconditionOutcome.Failed));

    [Test]
    public void A_representation_without_a_date_meets_every_date_condition() =>
        Assert.That(Evaluate("GET", null, ("If-Modified-Since", Noon), ("If-Unmodified-Since", Before)), Is.EqualTo(PreconditionOutcome.Proceed));
}
