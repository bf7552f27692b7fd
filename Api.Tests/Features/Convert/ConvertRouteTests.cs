namespace Api.Tests.Features.Convert;

/// <summary><c>/convert/{converter}/{value}</c>: typed values in, typed JSON out, 404 for what does not convert.</summary>
public sealed class ConvertRouteTests : ApiTestBase
{
    [TestCase("/convert/string/abc", """{"converter":"string","value":"abc"}""")]
    [TestCase("/convert/string/%20", """{"converter":"string","value":" "}""")]
    [TestCase("/convert/int/007", """{"converter":"int","value":7}""")]
    [TestCase("/convert/int/18446744073709551616", """{"converter":"int","value":18446744073709551616}""")]
    [TestCase("/convert/int/123456789012345678901234567890", """{"converter":"int","value":123456789012345678901234567890}""")]
    [TestCase("/convert/float/1.5", """{"converter":"float","value":1.5}""")]
    [TestCase("/convert/path/a/b/", """{"converter":"path","value":"a/b/"}""")]
    [TestCase("/convert/path/a%2Fb", """{"converter":"path","value":"a/b"}""")]
    [TestCase("/convert/uuid/6F9619FF-8B86-D011-B42D-00C04FC964FF", """{"converter":"uuid","value":"6f9619ff-8b86-d011-b42d-00c04fc964ff"}""")]
    [TestCase("/convert/list/a+b+c", """{"converter":"list","value":["a","b","c"]}""")]
    [TestCase("/convert/list/a++b", """{"converter":"list","value":["a","","b"]}""")]
    [TestCase("/convert/list/caf%C3%A9+x", """{"converter":"list","value":["café","x"]}""")]
    public async Task A_converted_value_is_answered_typed(string path, string expected)
    {
        var response = await GetAsync(path);

        Assert.That((response.Status, response.ContentType, response.Text), Is.EqualTo((200, "application/json", expected)));
    }

    [Test]
    public async Task A_float_beyond_the_range_of_a_double_is_404_not_infinity() =>
        ProblemAssert.IsProblem(await GetAsync("/convert/float/" + new string('9', 400) + ".0"), 404);
}
