using System.Buffers.Text;
using System.IO.Hashing;

namespace Api.Responses;

/// <summary>MVC's one output formatter: one buffer with its Content-Length (MVC's stream chunked it, and HEAD lacked GET's length),
/// one media type whatever Accept asks; a storable 200 gets a strong XXH128 ETag, the build's caching headers, and 304 or 412.</summary>
internal sealed class BodyFormatter(JsonSerializerOptions json, IOptions<CachingSettings> caching) : OutputFormatter
{
    public const string Text = MediaTypeNames.Text.Plain + "; charset=utf-8";

    // In whole seconds, as HTTP dates are.
    public static readonly DateTimeOffset BuildTime = DateTimeOffset.FromUnixTimeSeconds(
        new DateTimeOffset(File.GetLastWriteTimeUtc(typeof(BodyFormatter).Assembly.Location)).ToUnixTimeSeconds());

    private static readonly string LastModified = HeaderUtilities.FormatDate(BuildTime);

    public override bool CanWriteResult(OutputFormatterCanWriteContext context)
    {
        context.ContentType = MediaTypeOf(context.ObjectType ?? context.Object?.GetType());
        return true;
    }

    // For the API explorer: without parameters, as generators expect.
    public override IReadOnlyList<string>? GetSupportedContentTypes(string? contentType, Type objectType)
    {
        var mediaType = MediaTypeOf(objectType) is Text ? MediaTypeNames.Text.Plain : MediaTypeOf(objectType);
        return contentType is null || new MediaType(mediaType).IsSubsetOf(new MediaType(contentType)) ? [mediaType] : null;
    }

    // Writes headers and body itself: WriteAsync would set the Content-Type before the body decides on a 304.
    public override Task WriteResponseBodyAsync(OutputFormatterWriteContext context) => WriteAsync(context);

    public override Task WriteAsync(OutputFormatterWriteContext context)
    {
        var http = context.HttpContext;
        var body = context.Object is string text ? Encoding.UTF8.GetBytes(text) : Serialize(context.Object, json);
        var (request, response) = (http.Request, http.Response);
        var headers = response.Headers;
        if (response.StatusCode == StatusCodes.Status200OK && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            // An action that says how its answer is cached gives its own validators; the others are the build's.
            var lastModified = headers.CacheControl.Count == 0 ? BuildTime
                : HeaderUtilities.TryParseDate(headers.LastModified.ToString(), out var date) ? date : (DateTimeOffset?)null;
            if (headers.CacheControl.Count == 0) (headers.CacheControl, headers.LastModified) = (caching.Value.CacheControl, LastModified);
            if (headers.ETag.Count == 0) headers.ETag = StrongETag(body);
            switch (Preconditions.Evaluate(request, headers.ETag.ToString(), lastModified))
            {
                case PreconditionOutcome.NotModified:
                    // The 200's validators and caching headers, none of its representation's (RFC 9110 §15.4.5).
                    (headers.LastModified, response.StatusCode) = (default, StatusCodes.Status304NotModified);
                    return Task.CompletedTask;
                case PreconditionOutcome.Failed:
                    // An error without a body, which UseStatusCodePages answers as a problem like any other.
                    (headers.ETag, headers.CacheControl, headers.LastModified, response.StatusCode) = (default, default, default, StatusCodes.Status412PreconditionFailed);
                    return Task.CompletedTask;
            }
        }

        return Write(response, body, context.ContentType.Value ?? MediaTypeNames.Application.Json);
    }

    private static string StrongETag(byte[] body)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(body, hash);
        Span<char> tag = stackalloc char[24];
        (tag[0], tag[^1]) = ('"', '"');
        Base64Url.EncodeToChars(hash, tag[1..^1]);
        return new string(tag);
    }

    public static byte[] Serialize(object? value, JsonSerializerOptions options) =>
        JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(value?.GetType() ?? typeof(object)));

    public static Task Write(HttpResponse response, byte[] body, string contentType)
    {
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    private static string MediaTypeOf(Type? type) =>
        type == typeof(string) ? Text
        : typeof(ProblemDetails).IsAssignableFrom(type) ? MediaTypeNames.Application.ProblemJson
        : MediaTypeNames.Application.Json;
}

// The framework's writer declines an Accept without JSON (a browser's), which then gets a text/plain error.
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        var body = BodyFormatter.Serialize(context.ProblemDetails, json.Value.JsonSerializerOptions);
        return new ValueTask(BodyFormatter.Write(context.HttpContext.Response, body, MediaTypeNames.Application.ProblemJson));
    }
}

internal sealed class CachingSettings
{
    public const string Section = "Caching";
    public string CacheControl { get; set; } = "public, max-age=60";
}

internal sealed class CachingSettingsValidator : AbstractValidator<CachingSettings>
{
    public CachingSettingsValidator() => RuleFor(o => o.CacheControl).Must(value => CacheControlHeaderValue.TryParse(value, out _))
        .WithMessage("must be a Cache-Control value such as 'public, max-age=60' or 'no-cache'");
}
