using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Api.Tests.Contract;

/// <summary>
/// Checks an answer against an OpenAPI document, the committed one unless told: its status is listed for the
/// operation, its media type is listed for that status, and its body validates against the
/// listed schema. A path the document does not describe must be 404 problem+json; a method
/// the path does not take must be 405; a 405 and the 200 of OPTIONS carry <c>Allow</c> naming
/// exactly the documented methods.
/// </summary>
public sealed class OpenApiContract(JsonObject document)
{
    private static readonly Lazy<OpenApiContract> CommittedContract = new(() =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "Api", "OpenApi", "openapi.json")))!.AsObject()));

    // The most literal path first, as routing prefers /probe/search to /probe/{id}.
    private readonly Lazy<List<PathTemplate>> _paths = new(() =>
        [.. document["paths"]!.AsObject().OrderBy(p => p.Key.Count(c => c == '{')).Select(p => new PathTemplate(p.Key, p.Value!.AsObject()))]);

    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private JsonObject Document => document;

    /// <summary>The violations of the committed document.</summary>
    public static IReadOnlyList<string> Violations(string method, string rawTarget, ApiResponse response) =>
        CommittedContract.Value.Check(method, rawTarget, response);

    public IReadOnlyList<string> Check(string method, string rawTarget, ApiResponse response)
    {
        var path = DecodedPath(rawTarget);
        if (DescribesTheApi(path))
        {
            return [];
        }

        var match = _paths.Value.FirstOrDefault(template => template.Matches(path));
        if (match is null)
        {
            return Expect(response, 404, method, Document["components"]!["schemas"]!["ProblemDetails"]!, "an undocumented path");
        }

        var allow = string.Join(", ", match.Item.Select(p => p.Key.ToUpperInvariant()).Order(StringComparer.Ordinal));
        var violations = new List<string>();
        if ((response.Status == 405 || (method == "OPTIONS" && response.Status == 200))
            && string.Join(", ", (response.Allow ?? "").Split(',', StringSplitOptions.TrimEntries)) != allow)
        {
            violations.Add($"Allow is '{response.Allow}', the document says '{allow}'");
        }

        if (match.Item[method.ToLowerInvariant()]?.AsObject() is { } operation)
        {
            violations.AddRange(OperationViolations(operation, method, response));
            return violations;
        }

        if (response.Status != 405)
        {
            violations.Add($"{method} is not documented for the path, yet answered {response.Status}, not 405");
        }

        // A HEAD operation's responses have no content: a 405 body is checked against the others that list it.
        foreach (var documented in match.Item.Where(p => p.Key != "head" && p.Value!["responses"]?["405"] is not null).Select(p => p.Value!.AsObject()))
        {
            violations.AddRange(OperationViolations(documented, method, response));
        }

        return violations;
    }

    /// <summary>The document, the docs page and the metrics are about the API, not part of it.</summary>
    private static bool DescribesTheApi(string path) =>
        path.StartsWith("/openapi/", StringComparison.Ordinal) || path == "/docs" || path.StartsWith("/docs/", StringComparison.Ordinal) || path == "/metrics";

    private List<string> OperationViolations(JsonObject operation, string method, ApiResponse response)
    {
        var id = (string?)operation["operationId"];
        var documented = operation["responses"]?[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.AsObject();
        if (documented is null)
        {
            return [$"{id}: status {response.Status} is not listed"];
        }

        if (documented["content"] is not JsonObject content)
        {
            return response.Body.Length == 0 || method == "HEAD" ? [] : [$"{id}: {response.Status} has a body but lists no content"];
        }

        var mediaType = response.ContentType?.Split(';')[0].Trim();
        var listed = content.FirstOrDefault(c => response.ContentType == c.Key || mediaType == c.Key);
        if (listed.Value is null)
        {
            return [$"{id}: {response.Status} media type '{response.ContentType}' is not listed ({string.Join(", ", content.Select(c => c.Key))})"];
        }

        return method == "HEAD" ? [] : BodyViolations(listed.Value["schema"]!, listed.Key, response, id);
    }

    private List<string> Expect(ApiResponse response, int status, string method, JsonNode schema, string what)
    {
        if (response.Status != status)
        {
            return [$"{what} answered {response.Status}, not {status}"];
        }

        if (response.ContentType != "application/problem+json")
        {
            return [$"{what} answered '{response.ContentType}', not problem+json"];
        }

        return method == "HEAD" ? [] : BodyViolations(schema, "application/problem+json", response, what);
    }

    private List<string> BodyViolations(JsonNode schemaNode, string mediaType, ApiResponse response, string? where)
    {
        var schema = _schemas.GetOrAdd(schemaNode.ToJsonString(), text =>
            JsonSchema.FromText(Inline(JsonNode.Parse(text)!).ToJsonString(), baseUri: new Uri($"https://contract.test/{Guid.NewGuid():N}")));
        using var instance = mediaType.Contains("json", StringComparison.Ordinal)
            ? JsonDocument.Parse(response.Body)
            : JsonDocument.Parse(JsonSerializer.Serialize(response.Text));
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [$"{where}: body {response.Text} does not validate: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Value}")))];
    }

    /// <summary>Replaces every <c>#/components/schemas/X</c> reference with the schema itself.</summary>
    private JsonNode Inline(JsonNode node) => node switch
    {
        JsonObject o when o["$ref"] is JsonValue reference =>
            Inline(Document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!.DeepClone()),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Inline(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(item => item is null ? null : Inline(item))]),
        _ => node.DeepClone(),
    };

    private static string DecodedPath(string rawTarget)
    {
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var raw = query < 0 ? rawTarget : rawTarget[..query];
        return Api.Werkzeug.PercentDecoder.Decode(System.Text.Encoding.Latin1.GetBytes(raw), plusIsSpace: false);
    }

    /// <summary>A documented path, as a regular expression whose parameters must satisfy their schema's pattern.</summary>
    private sealed class PathTemplate
    {
        private readonly Regex _regex;
        private readonly Dictionary<string, Regex> _parameterPatterns = [];

        public PathTemplate(string template, JsonObject item)
        {
            Item = item;
            foreach (var parameter in item.SelectMany(op => op.Value?["parameters"]?.AsArray() ?? []).OfType<JsonObject>())
            {
                if ((string?)parameter["in"] == "path" && PatternOf(parameter["schema"]) is { } pattern)
                {
                    _parameterPatterns[(string)parameter["name"]!] = new Regex(EndOfInput(pattern), RegexOptions.CultureInvariant);
                }
            }

            var expression = Regex.Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "{([^}]+)}", m =>
                _parameterPatterns.TryGetValue(m.Groups[1].Value, out var p) && p.IsMatch("a/b") ? $"(?<{m.Groups[1].Value}>[\\s\\S]+)" : $"(?<{m.Groups[1].Value}>[^/]+)");
            _regex = new Regex($"^{expression}\\z", RegexOptions.CultureInvariant);
        }

        private static string? PatternOf(JsonNode? schema) => schema switch
        {
            null => null,
            _ when schema["pattern"] is JsonValue pattern => (string)pattern!,
            _ when (string?)schema["type"] == "integer" => "^-?[0-9]+$",
            _ when (string?)schema["format"] == "uuid" => "^[0-9A-Fa-f]{8}-?([0-9A-Fa-f]{4}-?){3}[0-9A-Fa-f]{12}$",
            _ => null,
        };

        // In .NET, a final '$' also matches before a trailing newline; in the document's
        // (ECMA-262) patterns it means the end of the value, which .NET writes '\z'.
        private static string EndOfInput(string pattern) =>
            pattern.EndsWith('$') && !pattern.EndsWith(@"\$", StringComparison.Ordinal) ? pattern[..^1] + @"\z" : pattern;

        public JsonObject Item { get; }

        public bool Matches(string path)
        {
            var match = _regex.Match(path);
            return match.Success && _parameterPatterns.All(p => !match.Groups[p.Key].Success || p.Value.IsMatch(match.Groups[p.Key].Value));
        }
    }
}
