using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Api.Caching;

/// <summary>
/// Validators on every 200 a GET or HEAD action answers, unless the action sets its own Cache-Control
/// (<c>[ResponseCache]</c>): a strong ETag hashed from the body as written (HEAD's is GET's), Last-Modified
/// the build's time, and <c>Caching:CacheControl</c>; a 304 without a body when If-None-Match matches or,
/// without one, If-Modified-Since is not older than the build (RFC 9110 §13.1.2-3).
/// Hand-written: ResponseCaching and OutputCaching compute no ETag and answer 304 only from an entry they stored.
/// </summary>
internal sealed class ConditionalGetFilter(IOptions<CachingOptions> settings) : IAsyncResultFilter
{
    /// <summary>When Api.dll was written by the build or publish that made it, in whole seconds as HTTP dates are.</summary>
    public static readonly DateTimeOffset BuildTime = DateTimeOffset.FromUnixTimeSeconds(
        new DateTimeOffset(File.GetLastWriteTimeUtc(typeof(ConditionalGetFilter).Assembly.Location)).ToUnixTimeSeconds());

    private static readonly string LastModified = HeaderUtilities.FormatDate(BuildTime);

    private readonly string _cacheControl = settings.Value.CacheControl;

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || response.Headers.CacheControl.Count > 0)
        {
            await next();
            return;
        }

        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            response.Body = body;
        }

        var written = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var etag = new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(SHA256.HashData(written.Span).AsSpan(0, 16))}\"");
            response.Headers.ETag = etag.Tag.Value;
            response.Headers.CacheControl = _cacheControl;
            if (IsNotModified(request, etag))
            {
                // RFC 9110 §15.4.5: the validators and caching headers of the 200, no representation metadata.
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }

            response.Headers.LastModified = LastModified;
        }

        // Nothing written starts nothing: an error without a body is still UseStatusCodePages' to write.
        if (written.Length > 0) await body.WriteAsync(written, context.HttpContext.RequestAborted);
    }

    /// <summary>If-None-Match, weakly compared, <c>*</c> included; If-Modified-Since only when no If-None-Match was sent.</summary>
    private static bool IsNotModified(HttpRequest request, EntityTagHeaderValue etag)
    {
        var conditions = request.GetTypedHeaders();
        return request.Headers.IfNoneMatch.Count > 0
            ? conditions.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false))
            : conditions.IfModifiedSince >= BuildTime;
    }
}
