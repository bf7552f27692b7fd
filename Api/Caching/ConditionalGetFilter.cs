using System.Buffers.Text;
using System.IO.Hashing;

namespace Api.Caching;

/// <summary>
/// Validators on every 200 of a GET or HEAD action that sets no Cache-Control of its own (<c>[ResponseCache]</c>):
/// a strong ETag hashed from the body (HEAD's is GET's; XXH128, not SHA-256: OpenSSL would be loaded for it alone, 5 MB
/// resident and its start on the first GET), the build's Last-Modified and <c>Caching:CacheControl</c>;
/// a 304 when If-None-Match matches, weakly or by <c>*</c>, or, only without it, If-Modified-Since is not older
/// than the build (RFC 9110 §13.1). Hand-written: ResponseCaching and OutputCaching compute no ETag, and answer
/// 304 only from an entry they stored.
/// </summary>
internal sealed class ConditionalGetFilter(IOptions<CachingOptions> settings) : IAsyncResultFilter
{
    /// <summary>When the build or publish wrote Api.dll, in whole seconds as HTTP dates are.</summary>
    public static readonly DateTimeOffset BuildTime = DateTimeOffset.FromUnixTimeSeconds(
        new DateTimeOffset(File.GetLastWriteTimeUtc(typeof(ConditionalGetFilter).Assembly.Location)).ToUnixTimeSeconds());

    private static readonly string LastModified = HeaderUtilities.FormatDate(BuildTime);

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var (request, response) = (context.HttpContext.Request, context.HttpContext.Response);
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
            Span<byte> hash = stackalloc byte[16];
            XxHash128.Hash(written.Span, hash);
            var etag = new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(hash)}\"");
            var conditions = request.GetTypedHeaders();
            response.Headers.ETag = etag.Tag.Value;
            response.Headers.CacheControl = settings.Value.CacheControl;
            if (request.Headers.IfNoneMatch.Count > 0
                ? conditions.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false))
                : conditions.IfModifiedSince >= BuildTime)
            {
                // The 200's validators and caching headers, none of its representation's (RFC 9110 §15.4.5).
                (response.StatusCode, response.ContentLength, response.ContentType) = (StatusCodes.Status304NotModified, null, null);
                return;
            }

            response.Headers.LastModified = LastModified;
        }

        // Nothing written starts nothing: an error without a body is still UseStatusCodePages' to write.
        if (written.Length > 0) await body.WriteAsync(written, context.HttpContext.RequestAborted);
    }
}
