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

    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("Application/X-WWW-Form-URLEncoded")]
    [TestCase("application/x-www-form-urlencoded; charset=utf-8")]
    public async Task Urlencoded_bodies_are_read_whatever_the_case_and_parameters(string contentType) =>
        Assert.That(await ReadAsync(contentType, "a=1"), Is.EqualTo(new[] { new KeyValuePair<string, string>("a", "1") }));

    [TestCase(64 * 1024 - 7)]
    [TestCase(128 * 1024 - 7)]
    [TestCase(300_000)]
    public async Task A_urlencoded_body_of_unknown_length_is_read_whole_across_its_blocks(int valueLength)
    {
        var value = string.Concat(Enumerable.Range(0, valueLength).Select(i => (char)('a' + (i % 26))));

        var fields = await ReadAsync("application/x-www-form-urlencoded", "param1=" + value + "&b=2");

        Assert.That(fields, Is.EqualTo(new[] { new KeyValuePair<string, string>("param1", value), new KeyValuePair<string, string>("b", "2") }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("application/json")]
    [TestCase("text/plain")]
    [TestCase("application/xml")]
    [TestCase("x;;;==")]
    [TestCase("multipart/form-data")]
    [TestCase("multipart/form-data; boundary=")]
    public async Task Any_other_body_gives_an_empty_form(string? contentType) =>
        Assert.That(await ReadAsync(contentType, "a=1"), Is.Empty);

    [Test]
    public async Task Multipart_text_fields_are_read_in_order_and_file_parts_left_out()
    {
        var body = Part("name=\"a\"", "1") + Part("name=\"f\"; filename=\"f.txt\"", "file") + Part("name=\"f2\"; filename=\"\"", "x")
            + Part("name=\"b\"", "é") + "--XyZ--\r\n";

        var fields = await ReadAsync(Multipart, body);

        Assert.That(fields, Is.EqualTo(new[] { new KeyValuePair<string, string>("a", "1"), new KeyValuePair<string, string>("b", "é") }));
    }

    [TestCase("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhello")]
    [TestCase("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nno colon\r\n\r\nhello\r\n--XyZ--\r\n")]
    [TestCase("this is not multipart")]
    public async Task A_multipart_body_that_does_not_parse_gives_an_empty_form(string body) =>
        Assert.That(await ReadAsync(Multipart, body), Is.Empty);

    [Test]
    public async Task A_multipart_body_that_breaks_off_after_complete_fields_gives_an_empty_form_not_the_fields_before() =>
        Assert.That(await ReadAsync(Multipart, Part("name=\"a\"", "1") + "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ncut off"), Is.Empty);

    [TestCase("application/x-www-form-urlencoded")]
    [TestCase(Multipart)]
    public async Task A_body_that_fails_to_arrive_is_not_an_empty_form(string contentType)
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

    [Test]
    public void Urlencoded_keys_keep_their_first_sent_order_and_repeated_keys_all_their_values() =>
        Assert.That(Parse("b=2&a=1&b=3"), Is.EqualTo(new[] { Field("b", "2", "3"), Field("a", "1") }));

    [Test]
    public void Plus_is_a_space_and_an_escaped_plus_is_a_plus() =>
        Assert.That(Parse("x+y=a+b&s=1%2B1"), Is.EqualTo(new[] { Field("x y", "a b"), Field("s", "1+1") }));

    [Test]
    public void A_pair_without_equals_is_a_key_with_an_empty_value() =>
        Assert.That(Parse("flag&a="), Is.EqualTo(new[] { Field("flag", ""), Field("a", "") }));

    [Test]
    public void A_pair_starting_with_equals_is_an_empty_key_with_its_value() =>
        Assert.That(Parse("=v&a=1"), Is.EqualTo(new[] { Field("", "v"), Field("a", "1") }));

    [Test]
    public void Empty_pairs_are_skipped() =>
        Assert.That(Parse("&&a=1&&"), Is.EqualTo(new[] { Field("a", "1") }));

    [Test]
    public void Only_the_first_equals_splits_key_and_value() =>
        Assert.That(Parse("a=b=c"), Is.EqualTo(new[] { Field("a", "b=c") }));

    [Test]
    public void Percent_escapes_decode_as_utf8() =>
        Assert.That(Parse("mot=caf%C3%A9"), Is.EqualTo(new[] { Field("mot", "café") }));

    [Test]
    public void Invalid_escapes_are_kept_as_sent() =>
        Assert.That(Parse("a=%zz&b=%4&c=%"), Is.EqualTo(new[] { Field("a", "%zz"), Field("b", "%4"), Field("c", "%") }));

    [Test]
    public void Invalid_utf8_becomes_the_replacement_character()
    {
        var fields = Fields(WerkzeugFormParser.ParseUrlEncoded([(byte)'a', (byte)'=', 0xFF, (byte)'&', (byte)'b', (byte)'=', (byte)'%', (byte)'C', (byte)'3'], int.MaxValue, int.MaxValue));

        Assert.That(fields, Is.EqualTo(new[] { Field("a", "\uFFFD"), Field("b", "\uFFFD") }));
    }

    [Test]
    public void An_empty_body_has_no_fields() => Assert.That(Parse(""), Is.Empty);

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
