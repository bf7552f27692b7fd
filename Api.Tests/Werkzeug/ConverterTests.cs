using System.Numerics;
using System.Text.RegularExpressions;
using Api.Werkzeug;
using Microsoft.AspNetCore.Routing;

namespace Api.Tests.Werkzeug;

/// <summary>
/// What each converter accepts, and the value it gives, where the Flask replay (Parity/ParityTests) sends no such value through
/// the app; and each converter's pattern against the converter itself.
/// </summary>
public sealed class ConverterTests
{
    [Test]
    public void Int_reads_several_digits_of_another_script_as_one_number()
    {
        Assert.That(new IntegerConverter().TryConvert("\u0661\u0662", out var value), Is.True);
        Assert.That(value, Is.EqualTo(new BigInteger(12)));
    }

    [Test]
    public void Float_reads_leading_zeros()
    {
        Assert.That(new FloatConverter().TryConvert("007.25", out var value), Is.True);
        Assert.That(value, Is.EqualTo(7.25));
    }

    [TestCase(typeof(IntegerConverter), "")]
    [TestCase(typeof(IntegerConverter), "\u00b2")]
    [TestCase(typeof(FloatConverter), "1,5")]
    [TestCase(typeof(UuidConverter), "6F9619FF-8B86-D011-B42D-00C04FC964FF0")]
    [TestCase(typeof(PathConverter), "/a")]
    [TestCase(typeof(ListConverter), "a/b")]
    public void A_converter_refuses_what_werkzeugs_refuses(Type converter, string segment) =>
        Assert.That(((IRouteConstraint)Activator.CreateInstance(converter)!).Match(null, null, "value", new RouteValueDictionary { ["value"] = segment }, RouteDirection.IncomingRequest), Is.False);

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
