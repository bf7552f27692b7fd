using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Api.Echo;

/// <summary>Source-generated JSON for every body the echo endpoints write.</summary>
[JsonSerializable(typeof(ExempleResponse))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(ConversionResponse<string>))]
[JsonSerializable(typeof(ConversionResponse<BigInteger>))]
[JsonSerializable(typeof(ConversionResponse<double>))]
[JsonSerializable(typeof(ConversionResponse<string[]>))]
public sealed partial class EchoJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes text as UTF-8 rather than \u escapes: every body goes out as application/json with
    /// nosniff, so HTML-sensitive characters need no escaping.
    /// </summary>
    public static EchoJsonContext Utf8 { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new BigIntegerJsonConverter() },
    });
}
