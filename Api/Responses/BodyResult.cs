using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Api.Responses;

/// <summary>
/// An action result that writes bytes it already holds: no content negotiation, no output
/// formatter, and a Content-Length on every answer (HEAD included).
/// </summary>
public sealed class BodyResult : IActionResult
{
    private readonly byte[] _body;

    private BodyResult(byte[] body, string contentType)
    {
        _body = body;
        ContentType = contentType;
    }

    public string ContentType { get; }

    public ReadOnlyMemory<byte> Body => _body;

    public string BodyText => Encoding.UTF8.GetString(_body);

    public static BodyResult Text(string text) => new(Encoding.UTF8.GetBytes(text), ResponseBody.PlainText);

    public static BodyResult Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), ResponseBody.Json);

    public Task ExecuteResultAsync(ActionContext context) =>
        ResponseBody.WriteAsync(context.HttpContext.Response, _body, ContentType);
}
