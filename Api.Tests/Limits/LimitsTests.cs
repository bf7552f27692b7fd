using System.Text;

namespace Api.Tests.Limits;

/// <summary>
/// The form limits count as Werkzeug reads a form, in both encodings (a form beyond them on the wire: RealServer/ServerLimitsTests).
/// Body size and time limits are Kestrel's: see RealServer.
/// </summary>
public sealed class LimitsTests : ApiTestBase
{
    private static ApiRequest Post(string contentType, string body, bool chunked = false) =>
        new ApiRequest("POST", "/test").WithBody(Encoding.UTF8.GetBytes(body), contentType) with { Chunked = chunked };

    [Test]
    public async Task A_key_of_exactly_MaxFormKeyBytes_is_accepted_one_byte_more_is_a_413_in_both_form_encodings()
    {
        var api = Factory.With(("Limits:MaxFormKeyBytes", "8"));
        static string Multipart(string key) => $"--XyZ\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\nv\r\n--XyZ--\r\n";

        // Bytes as sent: é is two of them in UTF-8, and %41 three before it decodes.
        Assert.That((await api.SendAsync(Post("application/x-www-form-urlencoded", "aaaaaaaa=1"))).Text, Is.EqualTo("""{"aaaaaaaa":"1"}"""));
        Assert.That((await api.SendAsync(Post("application/x-www-form-urlencoded", "aaaaa%41=1"))).Text, Is.EqualTo("""{"aaaaaA":"1"}"""));
        var urlEncoded = await api.SendAsync(Post("application/x-www-form-urlencoded", "aaaaaa%41=1"));
        ProblemAssert.IsProblem(urlEncoded, 413);
        Assert.That((string?)urlEncoded.Json!["detail"], Is.EqualTo("A form key is longer than 8 bytes."));
        Assert.That((await api.SendAsync(Post("multipart/form-data; boundary=XyZ", Multipart("aaaaaaé")))).Text, Is.EqualTo("""{"aaaaaaé":"v"}"""));
        var refused = await api.SendAsync(Post("multipart/form-data; boundary=XyZ", Multipart("aaaaaaaé")));
        ProblemAssert.IsProblem(refused, 413);
        Assert.That((string?)refused.Json!["detail"], Is.EqualTo("A form key is longer than 8 bytes."));
    }

    [Test]
    public async Task A_multipart_file_part_counts_towards_MaxFormFields_though_it_is_left_out_of_the_form()
    {
        var api = Factory.With(("Limits:MaxFormFields", "2"));
        const string Text = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
        const string File = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\n\r\nx\r\n";

        Assert.That((await api.SendAsync(Post("multipart/form-data; boundary=XyZ", Text + File + "--XyZ--\r\n"))).Text, Is.EqualTo("""{"a":"1"}"""));
        var refused = await api.SendAsync(Post("multipart/form-data; boundary=XyZ", Text + File + File + "--XyZ--\r\n"));
        ProblemAssert.IsProblem(refused, 413);
        Assert.That((string?)refused.Json!["detail"], Is.EqualTo("The form has more than 2 fields."));
    }
}
