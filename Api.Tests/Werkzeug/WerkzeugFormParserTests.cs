using System.Text;
using Api.Werkzeug;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Api.Tests.Werkzeug;

/// <summary>Forms read as Werkzeug reads them, into a form as Werkzeug's MultiDict holds it, seen through IFormCollection as MVC's binding reads it.</summary>
public sealed class WerkzeugFormParserTests
{
    private const string Multipart = "multipart/form-data; boundary=XyZ";

    private static async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadAsync(string? contentType, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var form = await new WerkzeugFormParser(Options.Create(new FormOptions())).ReadAsync(context.Request, CancellationToken.None);
        return [.. form.SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value!)))];
    }

    private static string Part(string disposition, string value) =>
        $"--XyZ\r\nContent-Disposition: form-data; {disposition}\r\n\r\n{value}\r\n";

    [Test]
    public async Task Urlencoded_bodies_are_read_whatever_the_case_and_parameters(
        [Values("application/x-www-form-urlencoded", "Application/X-WWW-Form-URLEncoded", "application/x-www-form-urlencoded; charset=utf-8")] string contentType) =>
        Assert.That(await ReadAsync(contentType, "a=1"), Is.EqualTo(new[] { new KeyValuePair<string, string>("a", "1") }));

    [Test]
    public async Task A_urlencoded_body_of_unknown_length_is_read_whole_across_its_blocks([Values(64 * 1024 - 7, 128 * 1024 - 7, 300_000)] int valueLength)
    {
        var value = string.Concat(Enumerable.Range(0, valueLength).Select(i => (char)('a' + (i % 26))));

        var fields = await ReadAsync("application/x-www-form-urlencoded", "param1=" + value + "&b=2");

        Assert.That(fields, Is.EqualTo(new[] { new KeyValuePair<string, string>("param1", value), new KeyValuePair<string, string>("b", "2") }));
    }

    [Test]
    public async Task Any_other_body_gives_an_empty_form(
        [Values(null, "", "application/json", "text/plain", "application/xml", "x;;;==", "multipart/form-data", "multipart/form-data; boundary=")] string? contentType) =>
        Assert.That(await ReadAsync(contentType, "a=1"), Is.Empty);

    [Test]
    public async Task Multipart_text_fields_are_read_in_order_and_file_parts_left_out()
    {
        var body = Part("name=\"a\"", "1") + Part("name=\"f\"; filename=\"f.txt\"", "file") + Part("name=\"f2\"; filename=\"\"", "x")
            + Part("name=\"b\"", "é") + "--XyZ--\r\n";

        var fields = await ReadAsync(Multipart, body);

        Assert.That(fields, Is.EqualTo(new[] { new KeyValuePair<string, string>("a", "1"), new KeyValuePair<string, string>("b", "é") }));
    }

    [Test]
    public async Task A_multipart_body_that_does_not_parse_gives_an_empty_form(
        [Values("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhello",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nno colon\r\n\r\nhello\r\n--XyZ--\r\n", "this is not multipart")] string body) =>
        Assert.That(await ReadAsync(Multipart, body), Is.Empty);

    [Test]
    public async Task A_multipart_body_that_breaks_off_after_complete_fields_gives_an_empty_form_not_the_fields_before() =>
        Assert.That(await ReadAsync(Multipart, Part("name=\"a\"", "1") + "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ncut off"), Is.Empty);

    [Test]
    public async Task A_body_that_fails_to_arrive_is_not_an_empty_form([Values("application/x-www-form-urlencoded", Multipart)] string contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new FailingBody(Encoding.UTF8.GetBytes("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1"));

        await Assert.ThrowsAsync<IOException>(() => new WerkzeugFormParser(Options.Create(new FormOptions())).ReadAsync(context.Request, CancellationToken.None));
    }

    /// <summary>A body whose bytes stop with an error, as Kestrel's do when it cannot read the framing.</summary>
    private sealed class FailingBody(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            await base.ReadAsync(buffer, cancellationToken) is > 0 and var read ? read : throw new IOException("The body stopped arriving.");
    }

    private static List<(string Key, string[] Values)> Parse(string body) => Fields(WerkzeugFormParser.ParseUrlEncoded(Encoding.UTF8.GetBytes(body), int.MaxValue, int.MaxValue));

    private static List<(string Key, string[] Values)> Fields(IFormCollection form) => [.. form.Select(field => (field.Key, field.Value.ToArray() as string[]))];

    private static (string Key, string[] Values) Field(string key, params string[] values) => (key, values);

    // Beside the bodies the Flask replay echoes through POST /test (Parity/ParityTests): plus, escapes, empty pairs, a=b=c.
    public static IEnumerable<TestCaseData> UrlEncodedRules()
    {
        TestCaseData Case(string name, string body, params (string Key, string[] Values)[] fields) => new TestCaseData(body, fields).SetName(name);

        yield return Case("Keys keep their first sent order and repeated keys all their values", "b=2&a=1&b=3", Field("b", "2", "3"), Field("a", "1"));
        yield return Case("A pair without equals is a key with an empty value", "flag&a=", Field("flag", ""), Field("a", ""));
        yield return Case("A pair starting with equals is an empty key with its value", "=v&a=1", Field("", "v"), Field("a", "1"));
        yield return Case("Invalid escapes are kept as sent", "a=%zz&b=%4&c=%", Field("a", "%zz"), Field("b", "%4"), Field("c", "%"));
        yield return Case("An empty body has no fields", "");
    }

    [TestCaseSource(nameof(UrlEncodedRules))]
    public void Urlencoded_bodies_parse_as_werkzeug_parses_them(string body, (string Key, string[] Values)[] fields) =>
        Assert.That(Parse(body), Is.EqualTo(fields));

    [Test]
    public void Invalid_utf8_becomes_the_replacement_character()
    {
        var fields = Fields(WerkzeugFormParser.ParseUrlEncoded([(byte)'a', (byte)'=', 0xFF, (byte)'&', (byte)'b', (byte)'=', (byte)'%', (byte)'C', (byte)'3'], int.MaxValue, int.MaxValue));

        Assert.That(fields, Is.EqualTo(new[] { Field("a", "\uFFFD"), Field("b", "\uFFFD") }));
    }

    private static readonly FormCollection Form = WerkzeugFormParser.Form([new("a", "1"), new("A", "2"), new("a", "3")]);

    [Test]
    public void A_repeated_key_holds_all_its_values_in_sent_order_so_that_a_string_binds_to_the_first() =>
        Assert.That(Form["a"].ToArray(), Is.EqualTo(new[] { "1", "3" }));

    [Test]
    public void Keys_are_compared_case_sensitively()
    {
        Assert.That(Form["A"].ToArray(), Is.EqualTo(new[] { "2" }));
        Assert.That(Form.ContainsKey("b"), Is.False);
        Assert.That(Form.TryGetValue("A", out _), Is.True);
    }

    [Test]
    public void A_key_never_sent_has_no_value() => Assert.That(Form["b"], Is.Empty);

    [Test]
    public void Keys_come_in_first_sent_order_and_there_are_no_files()
    {
        Assert.That(Form.Keys, Is.EqualTo(new[] { "a", "A" }));
        Assert.That(Form.Select(field => field.Key), Is.EqualTo(new[] { "a", "A" }));
        Assert.That(Form, Has.Count.EqualTo(2));
        Assert.That(Form.Files, Is.Empty);
    }
}
