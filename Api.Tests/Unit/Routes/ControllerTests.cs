using System.Numerics;
using Api.Echo;
using Api.Forms;
using Api.Responses;
using Api.Routes;
using Microsoft.AspNetCore.Mvc;
using Moq;

namespace Api.Tests.Unit.Routes;

/// <summary>Controllers delegate to the echo service and map what it returns to the answer's body and type.</summary>
public sealed class ControllerTests
{
    private readonly Mock<IEchoService> _echo = new(MockBehavior.Strict);

    private static BodyResult Body(IActionResult result) => (BodyResult)result;

    [Test]
    public void Hello_answers_the_service_greeting_as_plain_text()
    {
        _echo.Setup(e => e.Greet()).Returns("greeting");

        var result = Body(new HelloController(_echo.Object).Greet());

        Assert.That(result.BodyText, Is.EqualTo("greeting"));
        Assert.That(result.ContentType, Is.EqualTo(ResponseBody.PlainText));
        _echo.VerifyAll();
    }

    [Test]
    public void Test_get_answers_the_service_description()
    {
        _echo.Setup(e => e.DescribeTestEndpoint()).Returns("described");

        Assert.That(Body(new TestController(_echo.Object).Describe()).BodyText, Is.EqualTo("described"));
    }

    [Test]
    public void Test_by_text_id_passes_the_id_through()
    {
        _echo.Setup(e => e.DescribeTest("abc")).Returns("text abc");

        Assert.That(Body(new TestController(_echo.Object).DescribeById("abc")).BodyText, Is.EqualTo("text abc"));
    }

    [Test]
    public void Test_by_number_passes_the_integer_through()
    {
        _echo.Setup(e => e.DescribeTest(new BigInteger(7))).Returns("number 7");

        Assert.That(Body(new TestController(_echo.Object).DescribeByNumber(7)).BodyText, Is.EqualTo("number 7"));
    }

    [Test]
    public void Test_post_writes_the_echoed_fields_as_json()
    {
        var form = new FormFields([new("a", "1")]);
        _echo.Setup(e => e.EchoForm(form)).Returns(new Dictionary<string, string> { ["x"] = "é" });

        var result = Body(new TestController(_echo.Object).EchoForm(form));

        Assert.That(result.BodyText, Is.EqualTo("""{"x":"é"}"""));
        Assert.That(result.ContentType, Is.EqualTo(ResponseBody.Json));
    }

    [Test]
    public void Exemple_writes_the_transformed_form_as_json()
    {
        var form = new ExempleForm { Param1 = "p" };
        _echo.Setup(e => e.Transform(form)).Returns(new ExempleResponse("out"));

        var result = Body(new ExempleController(_echo.Object).Transform(form));

        Assert.That(result.BodyText, Is.EqualTo("""{"return1":"out"}"""));
        Assert.That(result.ContentType, Is.EqualTo(ResponseBody.Json));
    }

    [Test]
    public void Convert_int_writes_the_value_as_an_exact_json_number()
    {
        var value = BigInteger.Pow(2, 64);
        _echo.Setup(e => e.DescribeConversion("int", value)).Returns(new ConversionResponse<BigInteger>("int", value));

        var result = Body(new ConvertController(_echo.Object).ConvertInt(value));

        Assert.That(result.BodyText, Is.EqualTo("""{"converter":"int","value":18446744073709551616}"""));
    }

    [Test]
    public void Convert_uuid_writes_the_lower_case_dashed_form()
    {
        var uuid = Guid.Parse("6F9619FF-8B86-D011-B42D-00C04FC964FF");
        _echo.Setup(e => e.DescribeConversion("uuid", "6f9619ff-8b86-d011-b42d-00c04fc964ff"))
            .Returns(new ConversionResponse<string>("uuid", "6f9619ff-8b86-d011-b42d-00c04fc964ff"));

        var result = Body(new ConvertController(_echo.Object).ConvertUuid(uuid));

        Assert.That(result.BodyText, Is.EqualTo("""{"converter":"uuid","value":"6f9619ff-8b86-d011-b42d-00c04fc964ff"}"""));
    }

    [Test]
    public void Convert_list_writes_the_items_as_a_json_array()
    {
        string[] items = ["a", "", "b"];
        _echo.Setup(e => e.DescribeConversion("list", items)).Returns(new ConversionResponse<string[]>("list", items));

        Assert.That(Body(new ConvertController(_echo.Object).ConvertList(items)).BodyText, Is.EqualTo("""{"converter":"list","value":["a","","b"]}"""));
    }

    [Test]
    public void Convert_float_string_and_path_pass_their_values_through()
    {
        _echo.Setup(e => e.DescribeConversion("float", 1.5)).Returns(new ConversionResponse<double>("float", 1.5));
        _echo.Setup(e => e.DescribeConversion("string", "s")).Returns(new ConversionResponse<string>("string", "s"));
        _echo.Setup(e => e.DescribeConversion("path", "a/b/")).Returns(new ConversionResponse<string>("path", "a/b/"));
        var controller = new ConvertController(_echo.Object);

        Assert.That(Body(controller.ConvertFloat(1.5)).BodyText, Is.EqualTo("""{"converter":"float","value":1.5}"""));
        Assert.That(Body(controller.ConvertString("s")).BodyText, Is.EqualTo("""{"converter":"string","value":"s"}"""));
        Assert.That(Body(controller.ConvertPath("a/b/")).BodyText, Is.EqualTo("""{"converter":"path","value":"a/b/"}"""));
        _echo.VerifyAll();
    }
}
