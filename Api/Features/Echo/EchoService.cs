using Api.Features.Convert;
using Api.Features.Exemple;

namespace Api.Features.Echo;

internal sealed class EchoService : IEchoService
{
    public const string Greeting = "Hello World";
    public const string TestEndpointText = "test_endpoint_get";
    public const string TransformSuffix = "AAA";

    public string Greet() => Greeting;

    public string DescribeTestEndpoint() => TestEndpointText;

    public string DescribeTest(string idTest) => "test " + idTest;

    public string DescribeTest(BigInteger idTest) => "test " + idTest.ToString(CultureInfo.InvariantCulture);

    public Dictionary<string, string> EchoForm(FormFields form) => form.ToFirstValues();

    /// <remarks><see cref="ExempleFormValidator"/> has made sure <c>param1</c> was sent.</remarks>
    public ExempleResponse Transform(ExempleForm form) => new(form.Param1 + TransformSuffix);

    public ConversionResponse<T> DescribeConversion<T>(string converter, T value) => new(converter, value);
}
