using System.Globalization;
using System.Numerics;
using Api.Forms;

namespace Api.Echo;

public sealed class EchoService : IEchoService
{
    public const string Greeting = "Hello World";
    public const string TestEndpointText = "test_endpoint_get";
    public const string TransformSuffix = "AAA";

    public string Greet() => Greeting;

    public string DescribeTestEndpoint() => TestEndpointText;

    public string DescribeTest(string idTest) => "test " + idTest;

    public string DescribeTest(BigInteger idTest) => "test " + idTest.ToString(CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, string> EchoForm(FormFields form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.ToFirstValues();
    }

    public ExempleResponse Transform(ExempleForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(form.Param1, nameof(form));
        return new ExempleResponse(form.Param1 + TransformSuffix);
    }

    public ConversionResponse<T> DescribeConversion<T>(string converter, T value) => new(converter, value);
}
