using System.Net.Http.Headers;
using System.Text;
using Api.Tests.Contract;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Api.Tests.Integration;

/// <summary>The API in memory, as <c>dotnet run</c> starts it outside Development.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Production");

    /// <summary>
    /// Sends a request whose target reaches the server exactly as written (escapes, %2F and dot
    /// segments included), as Kestrel hands it over: the raw target, and a path that is the raw
    /// path wherever it holds no escape.
    /// </summary>
    public async Task<ApiResponse> SendRawAsync(string method, string rawTarget, HttpContent? content = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var body = content is null ? null : await content.ReadAsByteArrayAsync();
        var context = await Server.SendAsync(http =>
        {
            var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
            http.Request.Method = method;
            http.Request.Path = new PathString(query < 0 ? rawTarget : rawTarget[..query]);
            http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(rawTarget[query..]);
            http.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
            foreach (var header in content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            {
                http.Request.Headers[header.Key] = header.Value.ToArray();
            }

            foreach (var header in headers ?? [])
            {
                http.Request.Headers.Append(header.Key, header.Value);
            }

            if (body is not null)
            {
                http.Request.ContentLength = body.Length;
                http.Request.Body = new MemoryStream(body);
            }
        });
        var response = await ApiResponse.ReadAsync(context);
        var violations = OpenApiContract.Violations(method, rawTarget, response);
        Assert.That(violations, Is.Empty, $"{method} {rawTarget} breaks the OpenAPI contract");
        return response;
    }

    public static HttpContent Form(string urlEncoded) =>
        new StringContent(urlEncoded, Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded"));

    public static HttpContent RawBody(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }
}
