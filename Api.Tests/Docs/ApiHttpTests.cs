using System.Text;
using System.Text.RegularExpressions;
using Api.Tests.Contract;

namespace Api.Tests.Docs;

/// <summary>
/// Api/Api.http holds a request for every operation of the OpenAPI document, the items' with their If-Match; sent in
/// order to the API on Kestrel, on a fresh database, as an IDE's REST client sends them, each is answered with a 2xx that
/// keeps to the document.
/// </summary>
public sealed class ApiHttpTests
{
    private sealed record HttpFileRequest(string Title, string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body);

    [Test]
    public void Every_operation_of_the_document_has_a_request_and_the_items_changes_carry_if_match()
    {
        var requests = Requests();
        var operations = OpenApiContract.Committed()["paths"]!.AsObject()
            .SelectMany(path => OpenApiContract.OperationsOf(path.Value!.AsObject()).Select(operation => (Method: operation.Key.ToUpperInvariant(), Path: path.Key)))
            .Where(operation => operation.Method is not ("HEAD" or "OPTIONS"))
            .ToList();
        var changes = requests.Where(request => request.Method is "PUT" or "DELETE").ToList();

        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(18), "the document was read");
        Assert.That(
            operations.Where(operation => !requests.Any(request => request.Method == operation.Method && Matches(operation.Path, request.Target))).Select(operation => $"{operation.Method} {operation.Path}"),
            Is.Empty,
            "operations without a request in Api/Api.http");
        Assert.That(changes.Select(request => request.Method), Is.EquivalentTo(new[] { "PUT", "DELETE" }));
        Assert.That(changes.Where(request => !request.Headers.Any(header => header.Key == "If-Match")).Select(request => request.Title), Is.Empty, "without If-Match");
    }

    [Test]
    public async Task Each_request_sent_in_order_is_answered_with_a_2xx_that_keeps_to_the_document()
    {
        using var api = await ApiProcess.StartListeningAsync();
        foreach (var request in Requests())
        {
            var contentType = request.Headers.FirstOrDefault(header => header.Key == "Content-Type").Value;
            var sent = new ApiRequest(request.Method, request.Target)
            {
                Headers = [.. request.Headers.Where(header => header.Key != "Content-Type")],
            }.WithBody(request.Body is null ? null : Encoding.UTF8.GetBytes(request.Body), contentType);

            var response = await api.SendAsync(sent);

            Assert.That(response.Status, Is.InRange(200, 299), $"{request.Title}: {request.Method} {request.Target}");
        }
    }

    /// <summary>The requests of Api/Api.http in order: each after a <c>###</c> line, its request line, headers, a blank line and its body.</summary>
    private static List<HttpFileRequest> Requests()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "Api", "Api.http")).ReplaceLineEndings("\n");
        var requests = new List<HttpFileRequest>();
        foreach (var section in text.Split("\n###").Skip(1))
        {
            var lines = section.Split('\n');
            var rest = lines.Skip(1).SkipWhile(line => line.Length == 0 || line.StartsWith('#')).ToList();
            var requestLine = rest[0].Replace("{{api}}", "", StringComparison.Ordinal).Split(' ');
            var headers = rest.Skip(1).TakeWhile(line => line.Length > 0).Select(line => line.Split(':', 2)).Select(pair => KeyValuePair.Create(pair[0].Trim(), pair[1].Trim())).ToList();
            var body = string.Join('\n', rest.Skip(1 + headers.Count).SkipWhile(line => line.Length == 0)).TrimEnd('\n');
            requests.Add(new(lines[0].Trim(), requestLine[0], requestLine[1], headers, body.Length == 0 ? null : body));
        }

        Assert.That(requests, Has.Count.GreaterThan(0), "Api/Api.http was read");
        return requests;
    }

    // A path template's parameter takes one segment or more (the path converter's takes several).
    private static bool Matches(string template, string target) =>
        Regex.IsMatch(target.Split('?')[0], "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^?]+") + "$");
}
