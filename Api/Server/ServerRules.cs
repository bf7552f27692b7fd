namespace Api.Server;

/// <summary>Refuses what a proxy and Kestrel could read differently (RFC 9112 §3, §6.1); answers the server-wide <c>OPTIONS *</c>.</summary>
internal sealed class ServerRules
{
    private static readonly string[] Chunked = ["chunked"];
    private string? _serverAllow;

    public static Encoding? RequestHeaderEncoding(string name) => name == HeaderNames.ContentLength ? ContentLengthDigits.Instance : null;

    public Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (RefusalOf(request, context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget) is { } detail)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.Headers.Connection = "close";
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Detail = detail } }).AsTask();
        }

        return request.Path.HasValue ? next(context) : AnswerServerWide(context);
    }

    private Task AnswerServerWide(HttpContext context)
    {
        var endpoints = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints;
        // Stryker disable once Assignment: the Allow header is only cached; computed again, it is the same
        context.Response.Headers.Allow = _serverAllow ??= AutomaticOptionsEndpointDataSource.AllowHeader(
            endpoints.SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []));
        if (HttpMethods.IsOptions(context.Request.Method)) context.Response.ContentLength = 0;
        else context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return Task.CompletedTask;
    }

    private static string? RefusalOf(HttpRequest request, string rawTarget) => request.Headers.TransferEncoding switch
    {
        { Count: > 0 } when HttpProtocol.IsHttp10(request.Protocol) => "Transfer-Encoding is not HTTP/1.0: the framing of this request cannot be trusted.",
        // Kestrel refuses a final coding other than chunked, and decodes chunked alone, once.
        { Count: > 0 } codings when !codings.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SequenceEqual(Chunked, StringComparer.OrdinalIgnoreCase) => "Transfer-Encoding may only be chunked, once: the server decodes no other transfer coding.",
        _ when rawTarget.Contains('#', StringComparison.Ordinal) => "The request target holds a '#': a fragment is never sent to a server.",
        // Kestrel refuses NUL itself, and serves the other C0 controls and DEL as part of the path.
        _ when rawTarget.AsSpan().ContainsAnyInRange('\u0001', '\u001f') || rawTarget.Contains('\u007f', StringComparison.Ordinal)
            => "The request target holds a control character: a client sends it percent-encoded.",
        _ => null,
    };

    // Content-Length is digits only (RFC 9110 §8.6), where Kestrel's parse takes a sign (+9): a non-digit decodes to one that fails it.
    private sealed class ContentLengthDigits : ASCIIEncoding
    {
        public static readonly ContentLengthDigits Instance = new();

        public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars)
        {
            var count = Math.Min(bytes.Length, chars.Length);
            for (var i = 0; i < count; i++) chars[i] = char.IsAsciiDigit((char)bytes[i]) ? (char)bytes[i] : 'x';
            return count;
        }
    }
}
