using System.Text;

namespace Api.Tests.Limits;

/// <summary>The form limits answer 413 problems and are set from configuration. Body size and time limits are Kestrel's: see RealServer.</summary>
public sealed class LimitsTests : ApiTestBase
{
    private static ApiRequest Post(string contentType, string body, bool chunked = false) =>
        new ApiRequest("POST", "/test").WithBody(Encoding.UTF8.GetBytes(body), contentType) with { Chunked = chunked };

    [Test]
    public async Task A_form_with_too_many_fields_is_413()
    {
        var api = Factory.With(("Limits:MaxFormFields", "3"));
        var multipart = string.Concat(Enumerable.Range(0, 4).Select(i => $"--XyZ\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n")) + "--XyZ--\r\n";

        ProblemAssert.IsProblem(await api.SendAsync(Post("application/x-www-form-urlencoded", "a=1&b=2&c=3&d=4")), 413);
        ProblemAssert.IsProblem(await api.SendAsync(Post("multipart/form-data; boundary=XyZ", multipart)), 413);
        Assert.That((await api.SendAsync(Post("application/x-www-form-urlencoded", "a=1&b=2&c=3", chunked: true))).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task A_form_key_beyond_the_limit_is_413()
    {
        var api = Factory.With(("Limits:MaxFormKeyBytes", "8"));

        var response = await api.SendAsync(Post("application/x-www-form-urlencoded", "aaaaaaaaa=1"));

        ProblemAssert.IsProblem(response, 413);
        Assert.That((string?)response.Json!["detail"], Does.Contain("8 bytes"));
    }
}
