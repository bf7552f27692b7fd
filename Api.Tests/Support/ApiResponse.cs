using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Api.Tests.Support;

/// <summary>What a test reads of an answer: status, headers and the whole body.</summary>
public sealed record ApiResponse(int Status, IHeaderDictionary Headers, byte[] Body)
{
    public string? ContentType => Headers.ContentType.Count == 0 ? null : Headers.ContentType.ToString();

    public long? ContentLength => Headers.ContentLength;

    public string? Allow => Headers.Allow.Count == 0 ? null : Headers.Allow.ToString();

    public string Text => Encoding.UTF8.GetString(Body);

    public JsonNode? Json => JsonNode.Parse(Body);

    /// <summary>Whether the API wrote it: every answer that passes through the API carries its security headers, Kestrel's own refusals do not.</summary>
    public bool IsFromApi => Headers.ContainsKey("X-Content-Type-Options");
}
