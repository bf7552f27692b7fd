namespace Api.Echo;

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
