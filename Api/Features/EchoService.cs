namespace Api.Features;

/// <summary>What the tutorial's endpoints echo and transform, as text, apart from HTTP.</summary>
public interface IEchoService
{
    /// <summary><c>Hello World</c>.</summary>
    string Greet();

    /// <summary><c>test_endpoint_get</c>.</summary>
    string DescribeTestEndpoint();

    /// <summary><c>test {idTest}</c>.</summary>
    string DescribeTest(string idTest);

    /// <summary><c>test {idTest}</c>, the number in decimal without leading zeros.</summary>
    string DescribeTest(BigInteger idTest);

    /// <summary>Each field once with its first value, in first-sent order.</summary>
    Dictionary<string, string> EchoFields(IEnumerable<KeyValuePair<string, StringValues>> fields);

    /// <summary><c>{value}AAA</c>.</summary>
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
