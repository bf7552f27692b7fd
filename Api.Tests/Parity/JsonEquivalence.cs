using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Api.Tests.Parity;

/// <summary>
/// JSON values compared as values: object member order and number spelling (<c>1.0</c> and
/// <c>1</c>) do not matter, every member, element and string does.
/// </summary>
public static class JsonEquivalence
{
    public static bool AreEquivalent(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (JsonObject e, JsonObject a) => e.Count == a.Count && e.All(p => a.ContainsKey(p.Key) && AreEquivalent(p.Value, a[p.Key])),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(pair => AreEquivalent(pair.First, pair.Second)),
        (JsonValue e, JsonValue a) => ValuesEqual(e, a),
        _ => false,
    };

    private static bool ValuesEqual(JsonValue expected, JsonValue actual)
    {
        var e = expected.ToJsonString();
        var a = actual.ToJsonString();
        if (expected.GetValueKind() != actual.GetValueKind()) return false;

        if (expected.GetValueKind() != System.Text.Json.JsonValueKind.Number) return JsonNode.DeepEquals(expected, actual);

        return BigInteger.TryParse(e, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ei)
            && BigInteger.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ai)
            ? ei == ai
            : double.Parse(e, CultureInfo.InvariantCulture) == double.Parse(a, CultureInfo.InvariantCulture);
    }
}
