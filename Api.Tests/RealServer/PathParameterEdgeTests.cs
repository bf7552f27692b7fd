using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Api.Tests.Contract;

namespace Api.Tests.RealServer;

/// <summary>
/// Each path parameter's pattern in the committed document says exactly what the server takes. Values at
/// the edges (every ASCII character alone and inside text, Latin-1, other scripts' digits, beyond the BMP,
/// dot segments, escapes, slashes) are sent as a client following the document sends them, percent-encoded,
/// to the API on Kestrel: GET, HEAD and OPTIONS answer 200 for a value the pattern accepts, and none of them
/// does for a value it refuses. Kestrel's own refusal is NUL alone, whatever else a decoded path holds.
/// </summary>
[NonParallelizable]
public sealed class PathParameterEdgeTests : ApiProcessTestBase
{
    private static readonly string[] Methods = ["GET", "HEAD", "OPTIONS"];

    /// <summary>Every path with a text parameter (the tutorial's: an item's id is an integer), its name and its pattern (ECMA-262's final '$' is .NET's '\z').</summary>
    public static IEnumerable<TestCaseData> Parameters() =>
        from path in OpenApiContract.Committed()["paths"]!.AsObject()
        from parameter in path.Value!["parameters"]?.AsArray() ?? []
        where (string?)parameter!["in"] == "path" && parameter["schema"]!["pattern"] is not null
        let pattern = (string)parameter!["schema"]!["pattern"]!
        select new TestCaseData(path.Key, (string)parameter["name"]!, pattern[..^1] + @"\z").SetName($"{path.Key} {pattern}");

    private static IEnumerable<string> Edges()
    {
        foreach (var c in Enumerable.Range(0, 128).Select(code => (char)code))
        {
            yield return c.ToString();
            yield return $"x{c}y";
        }

        string[] others =
        [
            "\u0080", "\u00A0", "é", "\u00FF", "\u0663", "\u0661\u0662", "\uFF11", "²", "\u2028", "\uFEFF", "\uFFFD", "😀", "a😀b",
            "007", "18446744073709551616", "1.5", "\u0663.5", "1e5", ".5", "6F9619FF-8B86-D011-B42D-00C04FC964FF", "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            "..", "a/b", "a/b/", "/a", "a//b", "a+b", "a++b", "%41", "%", "a\u0000b", "\u0000a",
        ];
        foreach (var value in others) yield return value;
    }

    [TestCaseSource(nameof(Parameters))]
    public async Task The_server_answers_200_to_exactly_the_values_the_pattern_accepts(string template, string name, string pattern)
    {
        var accepts = new Regex(pattern, RegexOptions.CultureInvariant);
        var wrong = new List<string>();
        foreach (var value in Edges())
        {
            var target = template.Replace($"{{{name}}}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            var answers = await GetHeadAndOptionsAsync(target);
            var statuses = answers.Select(a => a.Status).ToList();
            var accepted = accepts.IsMatch(value);
            if (accepted ? statuses is not [200, 200, 200] : statuses.Contains(200))
            {
                wrong.Add($"{Describe(value)} ({target}): pattern {(accepted ? "accepts" : "refuses")}, server answered {string.Join(", ", statuses)}");
            }

            // A request the document describes is answered as it says.
            if (accepted) wrong.AddRange(answers.SelectMany((answer, i) => OpenApiContract.Violations(Methods[i], target, answer)));
        }

        Assert.That(wrong, Is.Empty);
    }

    /// <summary>
    /// What a client library sends for a value holding NUL (<c>GET /convert/int/%00</c>): the server refuses it before the
    /// API runs, with a 400 that has neither body nor Content-Type, which is what each of these operations lists (a 400
    /// without a media type). A document listing problem+json there would fail the contract check here.
    /// </summary>
    [TestCaseSource(nameof(Parameters))]
    public async Task A_nul_in_a_path_parameter_is_the_servers_400_as_the_document_lists_it(string template, string name, string pattern)
    {
        var target = template.Replace($"{{{name}}}", "%00", StringComparison.Ordinal);
        foreach (var method in Methods)
        {
            var answer = await Server.SendAsync(new ApiRequest(method, target));

            Assert.That((answer.Status, answer.ContentType, answer.Body.Length, answer.IsFromApi), Is.EqualTo((400, (string?)null, 0, false)), $"{method} {target}");
        }
    }

    [Test]
    public async Task Kestrel_refuses_nul_and_no_other_character_in_a_decoded_path()
    {
        // Each code point escaped byte by byte, as UTF-8: what Kestrel decodes before the API sees the path. The
        // path converter takes any of them, '/' included.
        var characters = Enumerable.Range(0, 0x800).Select(code => char.ConvertFromUtf32(code)).Concat(["\uFFFD", "\uFFFF", "😀", "\U0010FFFF"]);
        var refused = new List<string>();
        foreach (var character in characters)
        {
            var target = "/convert/path/a" + string.Concat(Encoding.UTF8.GetBytes(character).Select(b => $"%{b:X2}"));
            var answer = await Server.SendUncheckedAsync(ApiRequest.Get(target));
            if (answer.Status != 200)
            {
                refused.Add($"{Describe(character)}: {answer.Status}{(answer.IsFromApi ? " from the API" : " from Kestrel")}");
            }
        }

        Assert.That(refused, Is.EqualTo(new[] { "U+0000: 400 from Kestrel" }));
    }

    /// <summary>GET, HEAD and OPTIONS on one connection; a refusal by Kestrel closes it after the first.</summary>
    private async Task<List<ApiResponse>> GetHeadAndOptionsAsync(string target)
    {
        var requests = Methods.Select((method, i) =>
        {
            var request = Encoding.Latin1.GetString(RawHttp.Format(new ApiRequest(method, target)));
            return i < 2 ? request.Replace("Connection: close\r\n", "", StringComparison.Ordinal) : request;
        });
        var exchange = await RawHttp.ExchangeAsync(Server.Port, Encoding.Latin1.GetBytes(string.Concat(requests)), TimeSpan.FromSeconds(30));
        return RawHttp.Parse(exchange.Received, index => index == 1);
    }

    private static string Describe(string value) =>
        string.Join(' ', value.EnumerateRunes().Select(rune => Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || rune.Value > 0x7E ? $"U+{rune.Value:X4}" : rune.ToString()));
}
