using System.Text;
using Api.Tests.Contract;
using FsCheck;
using FsCheck.Fluent;

namespace Api.Tests.RealServer;

/// <summary>
/// Thousands of raw HTTP/1.1 exchanges with the API on Kestrel, over a loopback socket: every
/// request-target form, NUL and control bytes, overlong lines, odd methods and versions, broken
/// framing and pipelined requests. The server never answers 5xx, always answers or closes in time,
/// stays up, and wherever the API (not Kestrel) writes an error, it is problem+json that keeps to
/// the OpenAPI document. The one 5xx HTTP defines for a client's request, 505 for an HTTP version
/// the server does not speak, is Kestrel's, and only for such a version.
/// </summary>
[NonParallelizable]
public sealed class RawHttpFuzzTests
{
    private const int ExchangeCount = 2500;

    private static readonly string[] Methods =
        ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "X-CUSTOM", "get", "G\0T", "GE T", new('M', 300), ""];

    private static readonly string[] Segments =
    [
        "", "test", "exemple", "convert", "int", "float", "path", "uuid", "list", "healthz", "docs", "openapi", "v1.json",
        "42", "007", "1.5", "..", ".", "%2F", "%FF", "%C3%A9", "%00", "%", "%zz", "+", "a+b",
        "6f9619ff-8b86-d011-b42d-00c04fc964ff", "99999999999999999999999999999999",
    ];

    /// <summary>Bytes that may not appear raw in a request target.</summary>
    private static readonly string[] RawOddSegments = ["\0", "\t", "\u0001", "\u007f", "é", "a b", "\r", "\n"];

    private static readonly string[] OddVersions = ["HTTP/2.0", "HTTP/9.9", "HTTP/1.1 x", "http/1.1", "HTTP/1", ""];

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ", "multipart/form-data", "application/json", "text/plain", ";;;",
    ];

    private static readonly string[] OddHeaders =
    [
        "X-Null: a\0b", "Content-Type: a\0b", "X-Control: \u0001\u0002", "NoColon", " Folded: value", "X-Empty:", ": no-name", "Host: other", "Host: a b",
        "Transfer-Encoding: gzip", "Transfer-Encoding: chunked, gzip", "Content-Length: -1", "Content-Length: abc", "Content-Length: 1, 2",
        "Expect: 100-continue", "Expect: nothing", "Connection: Upgrade\r\nUpgrade: websocket", "X-Long: " + new string('x', 40_000),
        string.Join("\r\n", Enumerable.Range(0, 150).Select(i => $"X-Many-{i}: {i}")), "traceparent: nonsense", "X-Latin: caf\u00e9",
    ];

    private ApiProcess _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _api = await ApiProcess.StartListeningAsync();

    [OneTimeTearDown]
    public void Stop() => _api.Dispose();

    private static Gen<string> PercentEncodedText =>
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
        select string.Concat(bytes.Select(b => b is >= (byte)'a' and <= (byte)'z' ? ((char)b).ToString() : $"%{b:X2}"));

    private static Gen<string> OriginPaths =>
        from count in Gen.Choose(0, 5)
        from segments in Gen.ArrayOf(Gen.Frequency((10, Gen.Elements(Segments)), (4, PercentEncodedText), (1, Gen.Elements(RawOddSegments))), count)
        from trailingSlash in Gen.Elements(false, false, true)
        from query in Gen.Elements("", "", "?param1=q", "?a=1&a=2", "?%FF", "?\0")
        select "/" + string.Join('/', segments) + (trailingSlash && count > 0 ? "/" : "") + query;

    /// <summary>A request target and the Host header that goes with it.</summary>
    private Gen<(string Target, string Host)> Targets =>
        Gen.Frequency(
            (12, OriginPaths.Select(path => (Target: path, Host: "localhost"))),
            (3, OriginPaths.Select(path => (Target: $"http://localhost:{_api.Port}{path}", Host: $"localhost:{_api.Port}"))),
            (1, OriginPaths.Select(path => (Target: $"http://elsewhere.test{path}", Host: "localhost"))),
            (1, Gen.Elements("*", $"localhost:{_api.Port}", "localhost", "", "//", "/" + new string('a', 9000), "http://", "?x").Select(target => (Target: target, Host: "localhost"))));

    private static Gen<byte[]> FormBodies =>
        from pairs in Gen.ArrayOf(Gen.Elements("param1=x", "a=1", "Param1=", "%FF=%00", "=", "&"))
        select Encoding.UTF8.GetBytes(string.Join('&', pairs));

    /// <summary>Head lines and body bytes for one request, always complete: the server never has to wait for more.</summary>
    private static Gen<(string Headers, byte[] Body)> Framings =>
        from body in Gen.OneOf(FormBodies, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)))
        from contentType in Gen.Elements(ContentTypes)
        from framing in Gen.Frequency(
            (6, Gen.Elements("none", "length", "length", "chunked")),
            (1, Gen.Elements("bad-chunk", "short-length", "both")))
        select framing switch
        {
            "none" => ("", Array.Empty<byte>()),
            "length" => ($"Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n", body),
            "chunked" => ($"Content-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n", Chunked(body)),
            "bad-chunk" => ("Transfer-Encoding: chunked\r\n", Encoding.ASCII.GetBytes("zz\r\nabc\r\n0\r\n\r\n")),
            // The bytes past the declared length read as a next request: a complete, broken one.
            "short-length" => ($"Content-Type: {contentType}\r\nContent-Length: {body.Length / 2}\r\n", [.. body.AsSpan(0, body.Length / 2), .. "BROKEN\r\n\r\n"u8]),
            _ => ($"Content-Length: {body.Length}\r\nTransfer-Encoding: chunked\r\n", Chunked(body)),
        };

    private Gen<RawRequest> Requests =>
        from method in Gen.Frequency((8, Gen.Elements("GET", "HEAD", "POST", "OPTIONS")), (2, Gen.Elements(Methods)))
        from target in Targets
        from version in Gen.Frequency((12, Gen.Constant("HTTP/1.1")), (2, Gen.Constant("HTTP/1.0")), (1, Gen.Elements(OddVersions)))
        from host in Gen.Frequency((12, Gen.Constant($"Host: {target.Host}\r\n")), (1, Gen.Elements("", "Host: localhost\r\nHost: other\r\n")))
        from odd in Gen.Frequency((8, Gen.Constant("")), (1, Gen.Elements(OddHeaders).Select(header => header + "\r\n")))
        from framing in Framings
        select new RawRequest(method, $"{method} {target.Target} {version}\r\n{host}{odd}{framing.Headers}", framing.Body);

    private Arbitrary<RawExchange> Exchanges =>
        (from count in Gen.Frequency((6, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
         from requests in Gen.ArrayOf(Requests, count)
         select new RawExchange(requests)).ToArbitrary();

    [Test]
    public void No_exchange_gets_a_5xx_or_hangs_and_every_error_the_api_writes_is_problem_json()
    {
        var answers = new Dictionary<string, int>();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(ExchangeCount), Prop.ForAll(Exchanges, exchange =>
        {
            var sent = RawHttp.ExchangeAsync(_api.Port, exchange.Bytes, TimeSpan.FromSeconds(15)).GetAwaiter().GetResult();
            var responses = RawHttp.Parse(sent.Received, i => i < exchange.Requests.Length && exchange.Requests[i].Method == "HEAD");
            List<string> problems =
            [
                .. sent.Closed ? [] : new[] { "the server neither answered nor closed the connection in time" },
                .. _api.HasExited ? new[] { "the server exited" } : [],
                .. responses.SelectMany((response, i) => Problems(exchange, i, response)),
            ];
            foreach (var response in responses)
            {
                var key = (response.IsFromApi ? "API " : "Kestrel ") + response.Status;
                answers[key] = answers.GetValueOrDefault(key) + 1;
            }

            if (problems.Count > 0)
            {
                throw new AssertionException(string.Join("; ", problems) + "\nreceived:\n" + Encoding.Latin1.GetString(sent.Received));
            }
        }));

        TestContext.Out.WriteLine(string.Join(", ", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}")));
        Assert.That(answers.Where(a => a.Key.StartsWith("API ", StringComparison.Ordinal)).Sum(a => a.Value), Is.GreaterThan(ExchangeCount / 4), "enough requests reach the API");
        Assert.That(answers.Where(a => a.Key.StartsWith("API 2", StringComparison.Ordinal)).Sum(a => a.Value), Is.GreaterThan(ExchangeCount / 20), "enough requests reach the routes");
        Assert.That(_api.HasExited, Is.False);
        Assert.That(_api.GetAsync("/").GetAwaiter().GetResult().Text, Is.EqualTo("Hello World"));
    }

    private static List<string> Problems(RawExchange exchange, int index, ApiResponse response)
    {
        var request = index < exchange.Requests.Length ? exchange.Requests[index] : null;
        if (response.Status == 505 && !response.IsFromApi && request is { SpeaksHttp1: false })
        {
            return [];
        }

        if (response.Status >= 500)
        {
            return [$"answered {response.Status}"];
        }

        if (!response.IsFromApi)
        {
            // Kestrel's own refusals: a 4xx without a body.
            return response.Status is >= 400 and < 500 && response.Body.Length == 0 ? [] : [$"Kestrel answered {response.Status} with {response.Body.Length} bytes"];
        }

        if (response.Status >= 400 && (response.ContentType != "application/problem+json" || (response.Body.Length == 0 && request?.Method != "HEAD")))
        {
            return [$"the API answered {response.Status} as '{response.ContentType}' with {response.Body.Length} bytes"];
        }

        // The API's framing rules refuse a request with Transfer-Encoding in HTTP/1.0 before routing, on any path.
        var refusedBeforeRouting = response.Status == 400 && request?.Head.Contains("Transfer-Encoding", StringComparison.Ordinal) == true;
        return request?.OriginTarget is { } target && !refusedBeforeRouting ? [.. OpenApiContract.Violations(request.Method, target, response)] : [];
    }

    private static byte[] Chunked(byte[] body) =>
        body.Length == 0 ? [.. "0\r\n\r\n"u8] : [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8];

    public sealed record RawRequest(string Method, string Head, byte[] Body)
    {
        /// <summary>The origin-form target of a well-formed request line, which the contract check can follow.</summary>
        public string? OriginTarget => RequestLine.Split(' ') is [var method, ['/', ..] target, "HTTP/1.1" or "HTTP/1.0"] && method == Method ? target : null;

        /// <summary>Whether the request line, as the server splits it (at the first line feed), ends in a version it speaks.</summary>
        public bool SpeaksHttp1 => RequestLine.EndsWith(" HTTP/1.1", StringComparison.Ordinal) || RequestLine.EndsWith(" HTTP/1.0", StringComparison.Ordinal);

        private string RequestLine => Head.Split('\n')[0].TrimEnd('\r');
    }

    public sealed record RawExchange(RawRequest[] Requests)
    {
        /// <summary>The requests back to back; the last asks the server to close the connection.</summary>
        public byte[] Bytes => [.. Requests.SelectMany((request, i) =>
            (byte[])[.. Encoding.Latin1.GetBytes(request.Head + (i == Requests.Length - 1 ? "Connection: close\r\n" : "") + "\r\n"), .. request.Body])];

        public override string ToString() => Encoding.Latin1.GetString(Bytes).Replace("\r\n", "\\r\\n\n", StringComparison.Ordinal);
    }
}
