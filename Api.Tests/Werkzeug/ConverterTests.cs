using System.Numerics;
using System.Text.RegularExpressions;
using Api.Werkzeug;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Api.Tests.Werkzeug;

/// <summary>What each converter accepts, and the value it gives: Werkzeug's rules, case by case.</summary>
public sealed class ConverterTests
{
    private static bool Matches<T>(WerkzeugConverter<T> converter, string segment) =>
        converter.Match(new DefaultHttpContext(), null, "value", new RouteValueDictionary { ["value"] = segment }, RouteDirection.IncomingRequest);

    [TestCase("0", "0")]
    [TestCase("42", "42")]
    [TestCase("007", "7")]
    [TestCase("18446744073709551616", "18446744073709551616")]
    [TestCase("123456789012345678901234567890", "123456789012345678901234567890")]
    [TestCase("\u0663", "3")]
    [TestCase("\u0661\u0662", "12")]
    [TestCase("\uFF11", "1")]
    public void Int_accepts_unsigned_decimal_digits_of_any_length(string segment, string expected)
    {
        var converter = new IntegerConverter();

        Assert.That(converter.TryConvert(segment, out var value), Is.True);
        Assert.That(value, Is.EqualTo(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(Matches(converter, segment), Is.True);
    }

    [Test]
    public void Int_rejects_signs_spaces_and_non_digits([Values("", "-1", "+1", " 1", "1 ", "1.5", "1_000", "0x10", "abc", "²")] string segment)
    {
        Assert.That(new IntegerConverter().TryConvert(segment, out _), Is.False);
        Assert.That(Matches(new IntegerConverter(), segment), Is.False);
    }

    [TestCase("1.5", 1.5)]
    [TestCase("0.0", 0.0)]
    [TestCase("1.50", 1.5)]
    [TestCase("007.25", 7.25)]
    [TestCase("\u0663.5", 3.5)]
    public void Float_accepts_digits_dot_digits(string segment, double expected)
    {
        Assert.That(new FloatConverter().TryConvert(segment, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [Test]
    public void Float_rejects_everything_else([Values("1", "1e5", "1.5e3", "NaN", "inf", "-1.0", ".5", "5.", "1..5", "1.5.5", " 1.5", "1,5")] string segment) =>
        Assert.That(new FloatConverter().TryConvert(segment, out _), Is.False);

    [Test]
    public void Float_rejects_a_value_beyond_the_range_of_a_double() =>
        Assert.That(new FloatConverter().TryConvert(new string('9', 400) + ".0", out _), Is.False);

    [Test]
    public void Uuid_accepts_the_dashed_form_in_either_case([Values("6F9619FF-8B86-D011-B42D-00C04FC964FF", "6f9619ff-8b86-d011-b42d-00c04fc964ff")] string segment)
    {
        Assert.That(new UuidConverter().TryConvert(segment, out var value), Is.True);
        Assert.That(value.ToString("D"), Is.EqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
    }

    [Test]
    public void Uuid_rejects_other_forms(
        [Values("6F9619FF8B86D011B42D00C04FC964FF", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}", " 6F9619FF-8B86-D011-B42D-00C04FC964FF",
            "6F9619FF-8B86-D011-B42D-00C04FC964F", "6G9619FF-8B86-D011-B42D-00C04FC964FF", "6F9619FF-8B86-D011-B42D-00C04FC964FF0")] string segment) =>
        Assert.That(new UuidConverter().TryConvert(segment, out _), Is.False);

    [Test]
    public void Path_accepts_one_or_more_segments_and_keeps_a_trailing_slash([Values("a", "a/b", "a/b/", "a/b/c/d.txt")] string segment)
    {
        Assert.That(new PathConverter().TryConvert(segment, out var value), Is.True);
        Assert.That(value, Is.EqualTo(segment));
    }

    [Test]
    public void Path_rejects_an_empty_value_or_a_leading_slash([Values("", "/a")] string segment) =>
        Assert.That(new PathConverter().TryConvert(segment, out _), Is.False);

    [TestCase("a+b+c", new[] { "a", "b", "c" })]
    [TestCase("a++b", new[] { "a", "", "b" })]
    [TestCase("+", new[] { "", "" })]
    [TestCase("a", new[] { "a" })]
    [TestCase("a+", new[] { "a", "" })]
    public void List_splits_on_plus(string segment, string[] expected)
    {
        Assert.That(new ListConverter().TryConvert(segment, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [Test]
    public void List_rejects_an_empty_segment_or_a_slash([Values("", "a/b")] string segment) =>
        Assert.That(new ListConverter().TryConvert(segment, out _), Is.False);

    [Test]
    public void A_route_value_that_is_missing_does_not_match() =>
        Assert.That(new IntegerConverter().Match(null, null, "value", [], RouteDirection.IncomingRequest), Is.False);

    public static IEnumerable<TestCaseData> PatternSamples()
    {
        (WerkzeugConverter Converter, Func<string, bool> Accepts, string[] Samples)[] tables =
        [
            (new IntegerConverter(), s => new IntegerConverter().TryConvert(s, out _), ["0", "007", "18446744073709551616", "\u0663", "\uFF11", "", "-1", "+1", " 1", "1 ", "1.5", "1_000", "abc", "²", "1\n"]),
            // A value beyond a double's range matches the pattern but converts to no number: the one case a pattern cannot say.
            (new FloatConverter(), s => new FloatConverter().TryConvert(s, out _), ["1.5", "0.0", "2.0", "007.25", "\u0663.5", "1", "1e5", "NaN", "-1.0", ".5", "5.", "1..5", "1.5.5", " 1.5", "1,5", "1.5\n"]),
            (new UuidConverter(), s => new UuidConverter().TryConvert(s, out _), ["6F9619FF-8B86-D011-B42D-00C04FC964FF", "6f9619ff-8b86-d011-b42d-00c04fc964ff", "6F9619FF8B86D011B42D00C04FC964FF", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}", "6F9619FF-8B86-D011-B42D-00C04FC964FF\n"]),
            (new PathConverter(), s => new PathConverter().TryConvert(s, out _), ["a", "a/b", "a/b/", "a\nb", " ", "%", "", "/a"]),
            (new ListConverter(), s => new ListConverter().TryConvert(s, out _), ["a+b+c", "a++b", "+", "a\nb", "", "a/b"]),
        ];
        return tables.SelectMany(table => table.Samples.Select(sample =>
            new TestCaseData(table.Converter.Schema.Pattern, sample, table.Accepts(sample)).SetName($"{table.Converter.GetType().Name} '{sample}'")))
            .Concat(new[] { "abc", " ", "a+b", "a\nb", "", "a/b" }.Select(sample =>
                new TestCaseData(WerkzeugConverter.DefaultSchema.Pattern, sample, sample.Length > 0 && !sample.Contains('/', StringComparison.Ordinal)).SetName($"default converter '{sample}'")));
    }

    // The document's patterns are ECMA-262, where a final '$' is the end of the value; .NET writes that '\z'.
    [TestCaseSource(nameof(PatternSamples))]
    public void A_converter_pattern_accepts_exactly_what_the_converter_accepts(string pattern, string segment, bool accepted) =>
        Assert.That(new Regex(pattern[..^1] + @"\z", RegexOptions.CultureInvariant).IsMatch(segment), Is.EqualTo(accepted));
}
