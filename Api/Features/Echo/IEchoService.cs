using Api.Features.Convert;
using Api.Features.Exemple;

namespace Api.Features.Echo;

/// <summary>What the tutorial's endpoints answer, kept apart from HTTP.</summary>
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

    /// <summary>The form's fields, each key once with its first value, in first-sent order.</summary>
    Dictionary<string, string> EchoForm(FormFields form);

    /// <summary><c>{"return1": param1 + "AAA"}</c>.</summary>
    ExempleResponse Transform(ExempleForm form);

    /// <summary><c>{"converter": converter, "value": value}</c>, the value as the converter typed it.</summary>
    ConversionResponse<T> DescribeConversion<T>(string converter, T value);
}
