using System.Net;
using System.Text;

namespace Api.Tests.Support;

/// <summary>
/// A request as a test writes it: the target reaches the server exactly as written (escapes,
/// <c>%2F</c> and dot segments included), with an optional body and headers.
/// </summary>
public sealed record ApiRequest(string Method, string Target)
{
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Sent without a Content-Length, in chunks (on the in-memory server: a body of unknown length).</summary>
    public bool Chunked { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The request line's protocol (in memory only: RawHttp always sends HTTP/1.1).</summary>
    public string Protocol { get; init; } = "HTTP/1.1";

    /// <summary>The address the request comes from (in memory only: over a socket it is the socket's).</summary>
    public IPAddress? ClientAddress { get; init; }

    public static ApiRequest Get(string target) => new("GET", target);

    public static ApiRequest Form(string target, string urlEncoded) => new("POST", target)
    {
        Body = Encoding.UTF8.GetBytes(urlEncoded),
        ContentType = "application/x-www-form-urlencoded",
    };

    /// <summary>A request with a JSON body, as written.</summary>
    public static ApiRequest Json(string method, string target, string json) => new(method, target)
    {
        Body = Encoding.UTF8.GetBytes(json),
        ContentType = "application/json",
    };

    /// <summary>A POST with the bytes and Content-Type of <paramref name="content"/> (a multipart form, say).</summary>
    public static ApiRequest Post(string target, HttpContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var body = new MemoryStream();
        content.ReadAsStream().CopyTo(body);
        return new("POST", target) { Body = body.ToArray(), ContentType = content.Headers.ContentType?.ToString() };
    }

    public ApiRequest WithBody(byte[]? body, string? contentType) => this with { Body = body, ContentType = contentType };

    /// <summary>The same request with one more header.</summary>
    public ApiRequest With(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public override string ToString() =>
        $"{Method} {Target} Content-Type: {ContentType ?? "(none)"} body: {(Body is null ? "(none)" : Convert.ToBase64String(Body))}";
}
