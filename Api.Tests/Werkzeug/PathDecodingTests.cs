namespace Api.Tests.Werkzeug;

/// <summary>The path is decoded from the raw target as Werkzeug decodes it, whether the target is in origin or absolute form.</summary>
public sealed class PathDecodingTests : ApiTestBase
{
    [TestCase("http://localhost/convert/path/a%2Fb", """{"converter":"path","value":"a/b"}""")]
    [TestCase("http://localhost:5000/test/caf%C3%A9?next=%2Fx", "test café")]
    public async Task An_absolute_form_target_is_decoded_as_its_origin_form_would_be(string target, string expected)
    {
        var response = await Factory.SendUncheckedAsync(ApiRequest.Get(target));

        Assert.That((response.Status, response.Text), Is.EqualTo((200, expected)));
    }

    [Test]
    public async Task An_encoded_slash_in_an_absolute_form_target_splits_its_segment_too() =>
        ProblemAssert.IsProblem(await Factory.SendUncheckedAsync(ApiRequest.Get("http://localhost/test/a%2Fb")), 404);
}
