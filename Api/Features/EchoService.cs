namespace Api.Features;

public interface IEchoService
{
    string Greet();

    string DescribeTestEndpoint();

    string DescribeTest(string idTest);

    Dictionary<string, string> EchoFields(IEnumerable<KeyValuePair<string, StringValues>> fields);

    string Transform(string value);
}

internal sealed class EchoService : IEchoService
{
    public const string Greeting = "Hello World";
    public const string TestEndpointText = "test_endpoint_get";
    public string Greet() => Greeting;
    public string DescribeTestEndpoint() => TestEndpointText;
    public string DescribeTest(string idTest) => "test " + idTest;

    public Dictionary<string, string> EchoFields(IEnumerable<KeyValuePair<string, StringValues>> fields) =>
        fields.ToDictionary(field => field.Key, field => field.Value.Count > 0 ? field.Value[0] ?? string.Empty : string.Empty, StringComparer.Ordinal);

    public string Transform(string value) => value + "AAA";
}
