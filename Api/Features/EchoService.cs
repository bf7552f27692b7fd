namespace Api.Features;

public interface IEchoService
{
    string Greet();

    string DescribeTestEndpoint();

    string DescribeTest(string idTest);

    string DescribeTest(BigInteger idTest);

    Dictionary<string, string> EchoFields(IEnumerable<KeyValuePair<string, StringValues>> fields);

    string Transform(string value);
}

internal sealed class EchoService : IEchoService
{
    public const string Greeting = "Hello World";
    public const string TestEndpointText = "test_endpoint_get";
    public const string TransformSuffix = "AAA";
    public string Greet() => Greeting;
    public string DescribeTestEndpoint() => TestEndpointText;
    public string DescribeTest(string idTest) => "test " + idTest;
    public string DescribeTest(BigInteger idTest) => "test " + idTest.ToString(CultureInfo.InvariantCulture);

    public Dictionary<string, string> EchoFields(IEnumerable<KeyValuePair<string, StringValues>> fields)
    {
        var echoed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in fields) echoed.TryAdd(key, values.Count > 0 ? values[0] ?? string.Empty : string.Empty);
        return echoed;
    }

    public string Transform(string value) => value + TransformSuffix;
}
