namespace Api.Responses;

/// <summary>
/// Writes a fully buffered body with its Content-Length. A HEAD request gets the same
/// status and headers as GET and no body, on Kestrel and on the in-memory test server alike.
/// </summary>
public static class ResponseBody
{
    public const string PlainText = "text/plain; charset=utf-8";
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";

    public static Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> body, string contentType)
    {
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(response.HttpContext.Request.Method) || body.IsEmpty)
        {
            return Task.CompletedTask;
        }

        return response.Body.WriteAsync(body).AsTask();
    }
}
