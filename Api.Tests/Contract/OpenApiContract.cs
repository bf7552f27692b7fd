using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Api.Tests.Contract;

/// <summary>
/// Checks an answer against an OpenAPI document, the committed one unless told, its <c>$ref</c>s followed: its
/// status is listed for the operation (or falls to its <c>default</c>), its media type is listed for that status,
/// its body validates against the listed schema, and the headers listed as required are sent. A path the document
/// does not describe must be 404 problem+json; a value outside a path parameter's pattern must not succeed; a method
/// the path does not take must be 405 problem+json; a 405 and the 200 of OPTIONS carry <c>Allow</c> naming exactly
/// the documented methods.
/// </summary>
public sealed class OpenApiContract(JsonObject document)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static readonly Lazy<OpenApiContract> CommittedContract = new(() => new(Committed()));

    // The most literal path first, as routing prefers /probe/search to /probe/{id}.
    private readonly Lazy<List<PathTemplate>> _paths = new(() =>
        [.. document["paths"]!.AsObject().OrderBy(p => p.Key.Count(c => c == '{')).Select(p => new PathTemplate(p.Key, p.Value!.AsObject(), document))]);

    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    /// <summary>The committed document, as the build writes it.</summary>
    public static JsonObject Committed() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "Api", "OpenApi", "openapi.json")))!.AsObject();

    /// <summary>The violations of the committed document.</summary>
    public static IReadOnlyList<string> Violations(string method, string rawTarget, ApiResponse response) =>
        CommittedContract.Value.Check(method, rawTarget, response);

    /// <summary>The node a <c>$ref</c> (a local JSON pointer) names, followed until it is no reference; any other node as it is.</summary>
    public static JsonNode Resolve(JsonObject document, JsonNode node)
    {
        while (node is JsonObject o && o["$ref"] is JsonValue reference)
        {
            node = ((string)reference!).TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode)document, (at, token) => at[token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                    ?? throw new InvalidOperationException($"{reference} names nothing"));
        }

        return node;
    }

    /// <summary>A path item's operations, by lower-case method; its other members (<c>parameters</c>) left out.</summary>
    public static IEnumerable<KeyValuePair<string, JsonObject>> OperationsOf(JsonObject item) =>
        item.Where(member => Methods.Contains(member.Key)).Select(member => KeyValuePair.Create(member.Key, member.Value!.AsObject()));

    public IReadOnlyList<string> Check(string method, string rawTarget, ApiResponse response)
    {
        var path = DecodedPath(rawTarget);
        if (DescribesTheApi(path)) return [];

        var match = _paths.Value.FirstOrDefault(template => template.Matches(path)) ?? _paths.Value.FirstOrDefault(template => template.MatchesShape(path));
        if (match is null) return Expect(response, 404, method, "an undocumented path");

        var operations = OperationsOf(match.Item).ToList();
        var allow = string.Join(", ", operations.Select(o => o.Key.ToUpperInvariant()).Order(StringComparer.Ordinal));
        var violations = new List<string>();
        if ((response.Status == 405 || (method == "OPTIONS" && response.Status == 200))
            && string.Join(", ", (response.Allow ?? "").Split(',', StringSplitOptions.TrimEntries)) != allow)
        {
            violations.Add($"Allow is '{response.Allow}', the document says '{allow}'");
        }

        var withinPatterns = match.Matches(path);
        if (operations.FirstOrDefault(o => string.Equals(o.Key, method, StringComparison.OrdinalIgnoreCase)).Value is not { } operation)
        {
            if (!withinPatterns) return Expect(response, 404, method, "a path no route takes");

            // A method the path does not take belongs to no operation: 405, a problem, as the document's rules say.
            violations.AddRange(Expect(response, 405, method, $"{method}, which the path does not take,"));
            return violations;
        }

        if (!withinPatterns && response.Status < 400)
        {
            violations.Add($"{(string?)operation["operationId"]}: a value outside its parameters' patterns answered {response.Status}");
        }

        violations.AddRange(OperationViolations(operation, method, response));
        return violations;
    }

    /// <summary>The document, the docs page and the metrics are about the API, not part of it.</summary>
    private static bool DescribesTheApi(string path) =>
        path.StartsWith("/openapi/", StringComparison.Ordinal) || path == "/docs" || path.StartsWith("/docs/", StringComparison.Ordinal) || path == "/metrics";

    private List<string> OperationViolations(JsonObject operation, string method, ApiResponse response)
    {
        var id = (string?)operation["operationId"];
        var responses = operation["responses"]?.AsObject();
        if ((responses?[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses?["default"]) is not { } listed)
        {
            return [$"{id}: status {response.Status} is not listed"];
        }

        var documented = Resolve(document, listed).AsObject();
        List<string> violations = [.. (documented["headers"]?.AsObject() ?? [])
            .Where(header => (bool?)Resolve(document, header.Value!)["required"] == true && !response.Headers.ContainsKey(header.Key))
            .Select(header => $"{id}: {response.Status} lacks its required header {header.Key}")];

        if (documented["content"] is not JsonObject content)
        {
            if (response.Body.Length > 0 && method != "HEAD")
            {
                violations.Add($"{id}: {response.Status} has a body but lists no content");
            }

            return violations;
        }

        var mediaType = response.ContentType?.Split(';')[0].Trim();
        var media = content.FirstOrDefault(c => response.ContentType == c.Key || mediaType == c.Key);
        if (media.Value is null)
        {
            violations.Add($"{id}: {response.Status} media type '{response.ContentType}' is not listed ({string.Join(", ", content.Select(c => c.Key))})");
        }
        else if (method != "HEAD")
        {
            violations.AddRange(BodyViolations(media.Value["schema"]!, media.Key, response, id));
        }

        return violations;
    }

    private List<string> Expect(ApiResponse response, int status, string method, string what) =>
        response.Status != status ? [$"{what} answered {response.Status}, not {status}"]
        : response.ContentType != "application/problem+json" ? [$"{what} answered '{response.ContentType}', not problem+json"]
        : method == "HEAD" ? []
        : BodyViolations(document["components"]!["schemas"]!["ProblemDetails"]!, "application/problem+json", response, what);

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

    /// <summary>Replaces every reference in a schema with what it names.</summary>
    private JsonNode Inline(JsonNode node) => node switch
    {
        JsonObject o when o["$ref"] is JsonValue => Inline(Resolve(document, o).DeepClone()),
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

        public PathTemplate(string template, JsonObject item, JsonObject document)
        {
            Item = item;
            var parameters = (item["parameters"]?.AsArray() ?? []).Concat(OperationsOf(item).SelectMany(op => op.Value["parameters"]?.AsArray() ?? []));
            foreach (var parameter in parameters.OfType<JsonNode>().Select(p => Resolve(document, p)))
            {
                if ((string?)parameter["in"] == "path" && PatternOf(parameter["schema"]) is { } pattern)
                {
                    _parameterPatterns[(string)parameter["name"]!] = new Regex(EndOfInput(pattern), RegexOptions.CultureInvariant);
                }
            }

            var escaped = Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal);
            var expression = Regex.Replace(escaped, "{([^}]+)}", m =>
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

        /// <summary>The path fills the template, each parameter's value within its pattern.</summary>
        public bool Matches(string path)
        {
            var match = _regex.Match(path);
            return match.Success && _parameterPatterns.All(p => !match.Groups[p.Key].Success || p.Value.IsMatch(match.Groups[p.Key].Value));
        }

        /// <summary>The path fills the template, whatever its parameters' values: a request to the operation with a value outside its schema.</summary>
        public bool MatchesShape(string path) => _regex.IsMatch(path);
    }
}
