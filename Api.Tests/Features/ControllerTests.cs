using System.Numerics;
using Api.Echo;
using Api.Features.Convert;
using Api.Features.Exemple;
using Api.Features.Hello;
using Api.Features.TestEndpoint;
using Api.Werkzeug.Forms;
using Microsoft.AspNetCore.Mvc;
using Moq;

namespace Api.Tests.Features;

/// <summary>Controllers delegate to the echo service and answer what it returns, as text or as a typed value; conversions answer their own value.</summary>
public sealed class ControllerTests
{
    private readonly Mock<IEchoService> _echo = new(MockBehavior.Strict);

    [Test]
    public void Hello_answers_the_service_greeting()
    {
        _echo.Setup(e => e.Greet()).Returns("greeting");

        var result = new HelloController(_echo.Object).Greet();

        Assert.That(result.Content, Is.EqualTo("greeting"));
        _echo.VerifyAll();
    }

    [Test]
    public void The_test_endpoint_answers_the_service_texts_for_itself_an_id_and_a_number()
    {
        _echo.Setup(e => e.DescribeTestEndpoint()).Returns("described");
        _echo.Setup(e => e.DescribeTest("abc")).Returns("text abc");
        _echo.Setup(e => e.DescribeTest(new BigInteger(7))).Returns("number 7");
        var controller = new TestEndpointController(_echo.Object);

        Assert.That(controller.Describe().Content, Is.EqualTo("described"));
        Assert.That(controller.DescribeById("abc").Content, Is.EqualTo("text abc"));
        Assert.That(controller.DescribeByNumber(7).Content, Is.EqualTo("number 7"));
        _echo.VerifyAll();
    }

    [Test]
    public void The_form_echo_answers_the_fields_the_service_returns()
    {
        var form = FormFields.Of([new("a", "1")]);
        var echoed = new Dictionary<string, string> { ["x"] = "é" };
        _echo.Setup(e => e.EchoFields(form)).Returns(echoed);

        Assert.That(new TestEndpointController(_echo.Object).EchoForm(form).Value, Is.SameAs(echoed));
    }

    [Test]
    public void Exemple_answers_the_transformed_form()
    {
        var form = new ExempleForm { Param1 = "p" };
        _echo.Setup(e => e.Transform("p")).Returns("out");

        Assert.That(new ExempleController(_echo.Object).Transform(form).Value, Is.EqualTo(new ExempleResponse("out")));
    }

    [Test]
    public void Each_converter_route_answers_its_converter_name_and_typed_value()
    {
        var uuid = Guid.Parse("6F9619FF-8B86-D011-B42D-00C04FC964FF");
        string[] items = ["a", "", "b"];
        var controller = new ConvertController();

        Assert.Multiple(() =>
        {
            Assert.That(controller.ConvertInt(BigInteger.Pow(2, 64)).Value, Is.EqualTo(new ConversionResponse<BigInteger>("int", BigInteger.Pow(2, 64))));
            Assert.That(controller.ConvertFloat(1.5).Value, Is.EqualTo(new ConversionResponse<double>("float", 1.5)));
            Assert.That(controller.ConvertString("s").Value, Is.EqualTo(new ConversionResponse<string>("string", "s")));
            Assert.That(controller.ConvertPath("a/b/").Value, Is.EqualTo(new ConversionResponse<string>("path", "a/b/")));
            Assert.That(controller.ConvertUuid(uuid).Value, Is.EqualTo(new ConversionResponse<string>("uuid", "6f9619ff-8b86-d011-b42d-00c04fc964ff")), "lower case, dashed");
            Assert.That(controller.ConvertList(items).Value!.Value, Is.SameAs(items));
        });
    }
}
