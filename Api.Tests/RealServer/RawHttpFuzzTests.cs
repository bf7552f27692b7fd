using System.Globalization;
using System.Text;
using Api.Tests.Contract;
using FsCheck;
using FsCheck.Fluent;

namespace Api.Tests.RealServer;

/// <summary>
/// Raw exchanges with the API on Kestrel over a loopback socket, generated from a fixed seed (the
/// same exchanges on every run): every request-target form, NUL and control bytes, overlong lines,
/// odd methods and versions, and the framing two HTTP parsers can read differently (chunk sizes,
/// Content-Length forms, transfer codings, HTTP versions crossed with framing headers, multipart
/// boundaries and part headers), alone or pipelined. Each generated request knows what the server
/// must make of it. Never a 5xx (Kestrel's 505 for a version it does not speak aside); never a 2xx
/// from a route that reads the body when the body cannot be read; the status a readable form calls
/// for (a field that was sent is never reported missing); one answer per request, none after one
/// that closes the connection; every error the API writes problem+json and in the OpenAPI
/// document; the server up.
/// </summary>
[NonParallelizable]
public sealed class RawHttpFuzzTests : ApiProcessTestBase
{
    private const int ExchangeCount = 2500;
    private const ulong Seed = 21;
    private const int GenerationSize = 40;

    /// <summary>MultipartReader's limit on a part's headers, as the API sets it.</summary>
    private const int MaxPartHeaderBytes = 32 * 1024;

    private static readonly string[] CleanMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "X-CUSTOM", "get"];
    private static readonly string[] OddMethods = ["CONNECT", "G\0T", "GE T", new('M', 300), ""];
    private static readonly string[] FormRoutes = ["/test", "/exemple"];
    private static readonly string[] OtherRoutes = ["/", "/test/42", "/convert/int/5", "/convert/path/a/b/", "/healthz", "/nope"];

    private static readonly string[] Segments =
    [
        "", "test", "exemple", "convert", "int", "float", "path", "uuid", "list", "healthz", "docs", "openapi", "v1.json",
        "42", "007", "1.5", "..", ".", "%2F", "%FF", "%C3%A9", "%00", "%", "%zz", "+", "a+b",
        "6f9619ff-8b86-d011-b42d-00c04fc964ff", "99999999999999999999999999999999",
    ];

    /// <summary>Bytes that may not appear raw in a request target.</summary>
    private static readonly string[] RawOddSegments = ["\0", "\t", "\u0001", "\u007f", "é", "a b", "\r", "\n"];

    private static readonly string[] OddVersions = ["HTTP/2.0", "HTTP/9.9", "HTTP/1.2", "HTTP/1.1 x", "http/1.1", "HTTP/1", ""];

    /// <summary>Content types of bodies that are not generated forms; the first two are read as forms.</summary>
    private static readonly string[] ContentTypes =
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ", "multipart/form-data", "application/json", "text/plain", ";;;"];

    private static readonly string[] OddHeaders =
    [
        "X-Null: a\0b", "Content-Type: a\0b", "X-Control: \u0001\u0002", "NoColon", " Folded: value", "X-Empty:", ": no-name", "Host: a b",
        "Expect: 100-continue", "Expect: nothing", "Connection: Upgrade\r\nUpgrade: websocket", "X-Long: " + new string('x', 40_000),
        string.Join("\r\n", Enumerable.Range(0, 150).Select(i => $"X-Many-{i}: {i}")), "traceparent: nonsense", "X-Latin: caf\u00e9",
    ];

    /// <summary>Characters a boundary may use unquoted (RFC 2046's bchars that are also token characters).</summary>
    private static readonly char[] BoundaryChars = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'+_-."];

    /// <summary>What the connection does after a request's answer, as far as the request alone tells.</summary>
    public enum Fate
    {
        Kept,
        Closes,
        Unknown,
    }

    /// <summary>Who refuses a request whatever its route: Kestrel (400, no body) or the API (400 problem).</summary>
    public enum Refusal
    {
        None,
        Kestrel,
        Api,
    }

    private static Gen<string> PercentEncodedText =>
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
        select string.Concat(bytes.Select(b => b is >= (byte)'a' and <= (byte)'z' ? ((char)b).ToString() : $"%{b:X2}"));

    private static Gen<string> OriginPaths =>
        from count in Gen.Choose(0, 5)
        from segments in Gen.ArrayOf(Gen.Frequency((10, Gen.Elements(Segments)), (4, PercentEncodedText), (1, Gen.Elements(RawOddSegments))), count)
        from trailingSlash in Gen.Elements(false, false, true)
        from query in Gen.Elements("", "", "?param1=q", "?a=1&a=2", "?%FF", "?\0")
        select "/" + string.Join('/', segments) + (trailingSlash && count > 0 ? "/" : "") + query;

    /// <summary>Request targets in every form, a fragment now and then.</summary>
    private Gen<Target> Targets =>
        from target in Gen.Frequency(
            (10, from route in Gen.Elements(FormRoutes) from query in Gen.Elements("", "?param1=q") select new Target(route + query, "localhost", route, true)),
            (4, Gen.Elements(OtherRoutes).Select(route => new Target(route, "localhost", null, true))),
            (6, OriginPaths.Select(path => new Target(path, "localhost", null, IsClean(path)))),
            (2, Gen.Elements([.. FormRoutes, .. OtherRoutes]).Select(route => new Target($"http://localhost:{Server.Port}{route}", $"localhost:{Server.Port}", FormRoutes.Contains(route) ? route : null, true))),
            (1, Gen.Elements([.. FormRoutes, .. OtherRoutes]).Select(route => new Target($"http://elsewhere.test{route}", "localhost", FormRoutes.Contains(route) ? route : null, true))),
            (1, OriginPaths.Select(path => new Target($"http://localhost:{Server.Port}{path}", $"localhost:{Server.Port}", null, false))),
            (1, Gen.Elements("*", $"localhost:{Server.Port}", "localhost", "", "//", "/" + new string('a', 9000), "http://", "?x").Select(target => new Target(target, "localhost", null, false))))
        from fragment in Gen.Frequency((15, Gen.Constant("")), (1, Gen.Elements("#frag", "#")))
        select target with { Text = target.Text + fragment, HasFragment = fragment.Length > 0 };

    private static Gen<Version> Versions =>
        Gen.Frequency(
            (12, Gen.Constant(new Version("HTTP/1.1", false, false))),
            (3, Gen.Constant(new Version("HTTP/1.0", true, false))),
            (1, Gen.Elements(OddVersions).Select(version => new Version(version, false, true))));

    private static Gen<Content> UrlEncodedForms =>
        from pairs in Gen.ArrayOf(Gen.Elements("param1=x", "a=1", "Param1=", "%FF=%00", "=", "&"))
        select new Content("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(string.Join('&', pairs)), true, pairs.Contains("param1=x") ? 200 : 400, 200);

    /// <summary>Boundaries: empty, 1 to 70 characters, 71, thousands, quoted with the characters that need it.</summary>
    private static Gen<(string Parameter, string Boundary)> Boundaries =>
        Gen.Frequency(
            (4, Gen.Choose(1, 70).SelectMany(length => Gen.ArrayOf(Gen.Elements(BoundaryChars), length))
                .Select(chars => ("boundary=" + new string(chars), new string(chars)))),
            (2, from length in Gen.Elements(70, 71, 200, 4089, 5000)
                from chars in Gen.ArrayOf(Gen.Elements(BoundaryChars), 10)
                let boundary = string.Concat(Enumerable.Repeat(new string(chars), length / 10 + 1))[..length]
                select ("boundary=" + boundary, boundary)),
            (1, Gen.Elements(("boundary=\"a:b/c?d=e f\"", "a:b/c?d=e f"), ("boundary=\"XyZ\"", "XyZ"))),
            (1, Gen.Elements(("boundary=", ""), ("boundary=\"\"", ""))));

    /// <summary>A part: its name, whether it is a file, and how many extra header lines of how many bytes it has.</summary>
    private static Gen<Part> Parts =>
        from name in Gen.Elements("param1", "a", "other")
        from file in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from headers in Gen.Frequency(
            (6, Gen.Constant((Lines: 0, Bytes: 0))),
            (2, from lines in Gen.Choose(1, 30) from bytes in Gen.Choose(1, 40) select (Lines: lines, Bytes: bytes)),
            (1, Gen.Elements(100, 16_000, 32_000, 33_000, 100_000).Select(bytes => (Lines: 1, Bytes: bytes))),
            (1, Gen.Elements(200, 2_000, 5_000).Select(lines => (Lines: lines, Bytes: 8))))
        select new Part(name, file, headers.Lines, headers.Bytes);

    private static Gen<Content> MultipartForms =>
        from boundary in Boundaries
        from count in Gen.Choose(1, 3)
        from parts in Gen.ArrayOf(Parts, count)
        from preamble in Gen.Elements("", "a preamble\r\n")
        from closed in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        select Multipart(boundary.Parameter, boundary.Boundary, parts, preamble, closed);

    private static Gen<Content> Contents =>
        Gen.Frequency(
            (3, UrlEncodedForms),
            (3, MultipartForms),
            (2, from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
                from contentType in Gen.Elements(ContentTypes)
                select new Content(contentType, bytes, Array.IndexOf(ContentTypes, contentType) < 2, null, null)));

    /// <summary>Content-Length forms, digits alone or not, always the body's true length when they are digits.</summary>
    private static Gen<Framing> ContentLengths(byte[] body)
    {
        var n = body.Length;
        return Gen.Frequency(
            (6, Gen.Elements($"{n}", $"00{n}", $" {n}", $"{n} ").Select(value => new Framing($"Content-Length: {value}\r\n", body))),
            (2, Gen.Elements($"+{n}", $"-{n}", $"{n},{n}", $"0x{n:x}", "", $"{n} {n}", "99999999999999999999", $"{n}\r\nContent-Length: {n}", $"{n}.0", "\u00b3")
                .Select(value => new Framing($"Content-Length: {value}\r\n", body, Refusal.Kestrel))));
    }

    /// <summary>A chunk size: right (hex in either case, leading zeros, extensions) or refused as it is read (signs, overflow, junk).</summary>
    private static Gen<(Func<int, string> Render, bool Valid)> ChunkSizes =>
        Gen.Frequency(
            (8, Gen.Elements<Func<int, string>>(k => k.ToString("x", CultureInfo.InvariantCulture), k => k.ToString("X", CultureInfo.InvariantCulture),
                k => "0" + k.ToString("x", CultureInfo.InvariantCulture), k => $"{k:x};ext=1", k => $"{k:x};ext").Select(render => (render, true))),
            (2, Gen.Elements<Func<int, string>>(k => $"+{k:x}", k => $"-{k:x}", k => $"0x{k:x}", k => $" {k:x}", k => $"{k:x} ", _ => "FFFFFFFFFF",
                _ => "80000000", _ => "100000000", k => $"000000000000{k:x}", _ => "zz", _ => "", k => $"{k:x};a\nb").Select(render => (render, false))));

    /// <summary>The body in one or two chunks, then the last chunk and an optional trailer.</summary>
    private static Gen<(byte[] Bytes, bool Broken)> Chunkings(byte[] body) =>
        from split in Gen.Choose(0, body.Length)
        from first in ChunkSizes
        from second in ChunkSizes
        from last in Gen.Frequency((8, Gen.Elements(("0", true), ("00", true), ("0;end", true))), (1, Gen.Elements(("+0", false), ("0x0", false))))
        from trailer in Gen.Elements("", "X-Trailer: v\r\n")
        let pieces = new[] { (Bytes: body[..split], Size: first), (Bytes: body[split..], Size: second) }.Where(piece => piece.Bytes.Length > 0).ToArray()
        select (Concat([.. pieces.SelectMany(piece => new[] { Encoding.ASCII.GetBytes(piece.Size.Render(piece.Bytes.Length) + "\r\n"), piece.Bytes, "\r\n"u8.ToArray() }),
                Encoding.ASCII.GetBytes($"{last.Item1}\r\n{trailer}\r\n")]),
            pieces.Any(piece => !piece.Size.Valid) || !last.Item2);

    /// <summary>Transfer-Encoding values: chunked alone (in any case and spacing), other codings before it, or a final coding that is not chunked.</summary>
    private static Gen<(string Value, Refusal Refusal)> TransferCodings =>
        Gen.Frequency(
            (8, Gen.Elements("chunked", "Chunked", "CHUNKED", " chunked ,").Select(value => (value, Refusal.None))),
            (2, Gen.Elements("gzip, chunked", "identity, chunked", "chunked, chunked", "x-custom, chunked", "gzip\r\nTransfer-Encoding: chunked").Select(value => (value, Refusal.Api))),
            (1, Gen.Elements("gzip", "chunked, gzip", "chunked;q=1", "identity", "").Select(value => (value, Refusal.Kestrel))));

    private static Gen<Framing> Framings(byte[] body) =>
        Gen.Frequency(
            (5, ContentLengths(body)),
            // With Content-Length too, Kestrel reads the chunks and closes the connection after the answer.
            (5, from coding in TransferCodings
                from chunks in Chunkings(body)
                from contentLength in Gen.Frequency((6, Gen.Constant("")), (1, Gen.Constant($"Content-Length: {body.Length}\r\n")))
                select new Framing(
                    $"{contentLength}Transfer-Encoding: {coding.Value}\r\n", chunks.Bytes, coding.Refusal, Chunked: true, Broken: chunks.Broken, Closes: contentLength.Length > 0)),
            (1, Gen.Constant(new Framing("", [], NoBody: true))));

    private Gen<RawRequest> Requests =>
        from target in Targets
        from method in target.FormRoute is null
            ? Gen.Frequency((8, Gen.Elements("GET", "HEAD", "POST", "OPTIONS")), (2, Gen.Elements([.. CleanMethods, .. OddMethods])))
            : Gen.Frequency((7, Gen.Constant("POST")), (3, Gen.Elements([.. CleanMethods, .. OddMethods])))
        from version in Versions
        from keepAlive in Gen.Elements("", "Connection: keep-alive\r\n")
        from host in Gen.Frequency((20, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("", "Host: localhost\r\nHost: other\r\n")))
        from odd in Gen.Frequency((14, Gen.Constant("")), (1, Gen.Elements(OddHeaders).Select(header => header + "\r\n")))
        from content in Contents
        from framing in Framings(content.Bytes)
        select Compose(method, target, version, version.Http10 ? keepAlive : "", host ?? $"Host: {target.Host}\r\n", host is null, odd, content, framing);

    private Gen<RawExchange> Exchanges =>
        from count in Gen.Frequency((6, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
        from requests in Gen.ArrayOf(Requests, count)
        select new RawExchange(requests);

    [Test]
    public async Task No_exchange_gets_a_5xx_a_2xx_for_an_unread_body_or_a_desynchronised_answer()
    {
        var answers = new Dictionary<string, int>();
        var exchanges = Exchanges.Sample(ExchangeCount, new Rnd(Seed), GenerationSize);
        foreach (var (exchange, index) in exchanges.Select((exchange, index) => (exchange, index)))
        {
            var sent = await RawHttp.ExchangeAsync(Server.Port, exchange.Bytes, TimeSpan.FromSeconds(15));
            var responses = RawHttp.Parse(sent.Received, i => i < exchange.Requests.Length && exchange.Requests[i].Method == "HEAD");
            var problems = Problems(exchange, sent, responses);
            foreach (var response in responses)
            {
                var key = (response.IsFromApi ? "API " : "Kestrel ") + response.Status;
                answers[key] = answers.GetValueOrDefault(key) + 1;
            }

            if (problems.Count > 0)
            {
                Assert.Fail($"Exchange {index} of seed {Seed}: {string.Join("; ", problems)}\nsent:\n{exchange}\nreceived:\n{Encoding.Latin1.GetString(sent.Received)}");
            }
        }

        var requests = exchanges.SelectMany(exchange => exchange.Requests).ToList();
        await TestContext.Out.WriteLineAsync(string.Join(", ", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}")));
        await TestContext.Out.WriteLineAsync(string.Join(", ", requests.GroupBy(r => $"{r.Fate}/{r.Refusal}/reads {r.ReadsBody}/broken {r.BodyBroken}/expects {r.ExpectedStatus}")
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.That(answers.Where(a => a.Key.StartsWith("API ", StringComparison.Ordinal)).Sum(a => a.Value), Is.GreaterThan(ExchangeCount / 3), "enough requests reach the API");
        Assert.That(answers.Where(a => a.Key.StartsWith("API 2", StringComparison.Ordinal)).Sum(a => a.Value), Is.GreaterThan(ExchangeCount / 10), "enough requests reach the routes");
        Assert.That(Server.HasExited, Is.False);
        Assert.That((await Server.GetAsync("/")).Text, Is.EqualTo("Hello World"));
    }

    private List<string> Problems(RawExchange exchange, RawHttp.Exchange sent, List<ApiResponse> responses)
    {
        var (least, most) = exchange.AnswerRange;
        List<string> problems =
        [
            .. sent.Closed ? [] : new[] { "the server neither answered nor closed the connection in time" },
            .. Server.HasExited ? new[] { "the server exited" } : [],
            .. responses.Count >= least && responses.Count <= most ? [] : new[] { $"{responses.Count} answers to {exchange.Requests.Length} requests, not {least} to {most}" },
        ];

        // Answers line up with requests up to the first request whose fate is not certain to keep the connection.
        var matched = exchange.Requests.TakeWhile(request => request.Fate == Fate.Kept).Count() + 1;
        for (var i = 0; i < responses.Count; i++)
        {
            problems.AddRange(i < matched && i < exchange.Requests.Length
                ? Problems(exchange.Requests[i], responses[i])
                : Problems(responses[i], exchange.Requests.Any(request => !request.SpeaksHttp1), exchange.Requests.Any(request => request.Method == "HEAD")));
        }

        return problems;
    }

    private static List<string> Problems(RawRequest request, ApiResponse response)
    {
        if (Problems(response, !request.SpeaksHttp1, request.Method == "HEAD") is { Count: > 0 } problems) return problems;

        if (request.Refusal == Refusal.Kestrel && (response.Status != 400 || response.IsFromApi))
        {
            return [$"answered {response.Status} ({(response.IsFromApi ? "the API" : "Kestrel")}), not Kestrel's 400"];
        }

        if (request.Refusal == Refusal.Api && (response.Status != 400 || !response.IsFromApi || response.ContentType != "application/problem+json"))
        {
            return [$"answered {response.Status} as '{response.ContentType}', not the API's 400 problem"];
        }

        if (request is { ReadsBody: true, BodyBroken: true } && response.Status is >= 200 and < 300)
        {
            return [$"answered {response.Status} to a body that could not be read"];
        }

        if (request.ExpectedStatus is { } expected && response.Status != expected)
        {
            return [$"answered {response.Status} to a form that calls for {expected}: {response.Text}"];
        }

        // The API's framing rules refuse before routing, on any path.
        var refusedBeforeRouting = request.MayBeRefusedByTheApi && response is { Status: 400, IsFromApi: true };
        return request.OriginTarget is { } target && response.IsFromApi && !refusedBeforeRouting ? [.. OpenApiContract.Violations(request.Method, target, response)] : [];
    }

    private static List<string> Problems(ApiResponse response, bool mayBe505, bool mayBeHead)
    {
        if (response.Status == 505 && !response.IsFromApi && mayBe505) return [];

        if (response.Status >= 500)
        {
            return [$"answered {response.Status}"];
        }

        if (!response.IsFromApi)
        {
            // Kestrel's own refusals: a 4xx without a body.
            return response.Status is >= 400 and < 500 && response.Body.Length == 0 ? [] : [$"Kestrel answered {response.Status} with {response.Body.Length} bytes"];
        }

        return response.Status >= 400 && (response.ContentType != "application/problem+json" || (response.Body.Length == 0 && !mayBeHead))
            ? [$"the API answered {response.Status} as '{response.ContentType}' with {response.Body.Length} bytes"]
            : [];
    }

    private static byte[] Concat(byte[][] parts) => [.. parts.SelectMany(part => part)];

    private static bool IsClean(string path) => !path.Contains("%00", StringComparison.Ordinal) && !RawOddSegments.Any(odd => path.Contains(odd, StringComparison.Ordinal));

    private static Content Multipart(string parameter, string boundary, Part[] parts, string preamble, bool closed)
    {
        var text = new StringBuilder(preamble);
        foreach (var (part, i) in parts.Select((part, i) => (part, i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\n").Append(part.Disposition).Append("\r\n");
            for (var line = 0; line < part.HeaderLines; line++)
            {
                text.Append(CultureInfo.InvariantCulture, $"X-Header-{line}: ").Append('a', part.HeaderLineBytes).Append("\r\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"\r\nv{i}\r\n");
        }

        text.Append(closed ? $"--{boundary}--\r\n" : "");
        var (exemple, test) = boundary.Length == 0 ? (400, 200)
            : parts.Any(part => part.HeaderBytes > MaxPartHeaderBytes) ? (413, 413)
            : !closed ? (400, 200)
            : (parts.Any(part => part is { Name: "param1", File: false }) ? 200 : 400, 200);
        return new Content($"multipart/form-data; {parameter}", Encoding.Latin1.GetBytes(text.ToString()), boundary.Length > 0, exemple, test);
    }

    private static RawRequest Compose(string method, Target target, Version version, string keepAlive, string host, bool hostIsClean, string odd, Content content, Framing framing)
    {
        var clean = CleanMethods.Contains(method) && target.Clean && !version.Odd && hostIsClean && odd.Length == 0;
        var refusal = !clean ? Refusal.None
            : framing.Refusal == Refusal.Kestrel || (version.Http10 && framing.NoBody && method is "POST" or "PUT") ? Refusal.Kestrel
            : framing.Refusal == Refusal.Api || (version.Http10 && framing.Chunked) || target.HasFragment ? Refusal.Api
            : Refusal.None;
        var fate = !clean ? Fate.Unknown
            : refusal != Refusal.None || framing.Broken || framing.Closes || (version.Http10 && keepAlive.Length == 0) ? Fate.Closes
            : Fate.Kept;
        var reads = clean && refusal == Refusal.None && method == "POST" && target.FormRoute is not null;
        var body = framing.NoBody ? "" : $"Content-Type: {content.ContentType}\r\n{framing.Headers}";
        return new RawRequest(
            method,
            $"{method} {target.Text} {version.Text}\r\n{host}{keepAlive}{odd}{body}",
            framing.Bytes,
            fate,
            refusal,
            ReadsBody: reads && !framing.NoBody && content.IsForm,
            BodyBroken: framing.Broken,
            ExpectedStatus: !reads || framing.Broken ? null
                : framing.NoBody ? (target.FormRoute == "/exemple" ? 400 : 200)
                : target.FormRoute == "/exemple" ? content.ExempleStatus : content.TestStatus,
            MayBeRefusedByTheApi: target.HasFragment || target.HasControlCharacter || framing.Chunked);
    }

    public sealed record Target(string Text, string Host, string? FormRoute, bool Clean)
    {
        public bool HasFragment { get; init; }

        /// <summary>A raw control character but NUL and LF (which Kestrel refuses), which the API refuses before routing.</summary>
        public bool HasControlCharacter => Text.Any(c => c is > '\0' and < ' ' and not '\n' or '\u007f');
    }

    public sealed record Version(string Text, bool Http10, bool Odd);

    /// <summary>A body: its Content-Type and bytes, whether the form reader reads it, and the status POST /exemple and POST /test give it.</summary>
    public sealed record Content(string ContentType, byte[] Bytes, bool IsForm, int? ExempleStatus, int? TestStatus);

    public sealed record Part(string Name, bool File, int HeaderLines, int HeaderLineBytes)
    {
        public string Disposition => $"Content-Disposition: form-data; name=\"{Name}\"{(File ? "; filename=\"f.txt\"" : "")}";

        /// <summary>The header bytes MultipartReader counts against its limit: each line without its line end.</summary>
        public int HeaderBytes => Disposition.Length + Enumerable.Range(0, HeaderLines).Sum(line => $"X-Header-{line}: ".Length + HeaderLineBytes);
    }

    /// <summary>A body's framing headers and bytes, and what they make the server do (<paramref name="Broken"/>: broken chunks, the body cannot be read).</summary>
    public sealed record Framing(string Headers, byte[] Bytes, Refusal Refusal = Refusal.None, bool Chunked = false, bool Broken = false, bool Closes = false, bool NoBody = false);

    /// <summary>
    /// A request and what the server must make of it: <paramref name="ReadsBody"/>, a form route reads its body as a form;
    /// <paramref name="ExpectedStatus"/>, the status POST /test or /exemple must answer to the readable form it was sent.
    /// </summary>
    public sealed record RawRequest(
        string Method, string Head, byte[] Body, Fate Fate, Refusal Refusal, bool ReadsBody, bool BodyBroken, int? ExpectedStatus, bool MayBeRefusedByTheApi)
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
        public byte[] Bytes { get; } = Concat([.. Requests.SelectMany((request, i) =>
            new[] { Encoding.Latin1.GetBytes(request.Head + (i == Requests.Length - 1 ? "Connection: close\r\n" : "") + "\r\n"), request.Body })]);

        /// <summary>
        /// How many answers the requests call for: one for each until the first that closes the
        /// connection; where a request's fate is unknown, at most one for it and for each after it.
        /// </summary>
        public (int Least, int Most) AnswerRange
        {
            get
            {
                var (least, most, certain) = (0, 0, true);
                foreach (var request in Requests)
                {
                    most++;
                    certain &= request.Fate != Fate.Unknown;
                    least += certain ? 1 : 0;
                    if (request.Fate == Fate.Closes) break;
                }

                return (least, most);
            }
        }

        public override string ToString()
        {
            var text = Encoding.Latin1.GetString(Bytes).Replace("\r\n", "\\r\\n\n", StringComparison.Ordinal);
            return text.Length > 4000 ? text[..4000] + $"… ({text.Length} characters)" : text;
        }
    }
}
