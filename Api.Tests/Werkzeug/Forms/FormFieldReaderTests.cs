using System.Text;
using Api.Werkzeug.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Api.Tests.Werkzeug.Forms;

public sealed class FormFieldReaderTests
{
    private const string Multipart = "multipart/form-data; boundary=XyZ";

    private static async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadAsync(string? contentType, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var form = await new FormFieldReader(Options.Create(new FormOptions())).ReadAsync(context.Request, CancellationToken.None);
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

        await Assert.ThrowsAsync<IOException>(() => new FormFieldReader(Options.Create(new FormOptions())).ReadAsync(context.Request, CancellationToken.None));
    }

    /// <summary>A body whose bytes stop with an error, as Kestrel's do when it cannot read the framing.</summary>
    private sealed class FailingBody(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            await base.ReadAsync(buffer, cancellationToken) is > 0 and var read ? read : throw new IOException("The body stopped arriving.");
    }
}
