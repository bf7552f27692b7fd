namespace Api.Json;

/// <summary>
/// Writes JSON in one buffer with its Content-Length (MVC's formatter streams it chunked), so that
/// HEAD carries GET's length as Flask's does; one media type per answer, whatever Accept asks.
/// </summary>
internal sealed class ContentLengthJsonOutputFormatter : OutputFormatter
{
    private readonly JsonSerializerOptions _options;

    public ContentLengthJsonOutputFormatter(JsonSerializerOptions options)
    {
        _options = options;
        SupportedMediaTypes.Add(MediaTypes.Json);
        SupportedMediaTypes.Add(MediaTypes.ProblemJson);
    }

    public override bool CanWriteResult(OutputFormatterCanWriteContext context)
    {
        context.ContentType = MediaTypeOf(context.ObjectType ?? context.Object?.GetType());
        return true;
    }

    /// <summary>What the API explorer lists for a response of <paramref name="objectType"/>: its one media type.</summary>
    public override IReadOnlyList<string>? GetSupportedContentTypes(string? contentType, Type objectType)
    {
        var mediaType = MediaTypeOf(objectType);
        return contentType is null || new MediaType(mediaType).IsSubsetOf(new MediaType(contentType)) ? [mediaType] : null;
    }

    private static string MediaTypeOf(Type? type) => typeof(ProblemDetails).IsAssignableFrom(type) ? MediaTypes.ProblemJson : MediaTypes.Json;

    public override Task WriteResponseBodyAsync(OutputFormatterWriteContext context) =>
        WriteAsync(context.HttpContext.Response, context.Object, _options);

    /// <summary>Serializes <paramref name="value"/> as its runtime type and writes it with its Content-Length.</summary>
    public static Task WriteAsync(HttpResponse response, object? value, JsonSerializerOptions options)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(value?.GetType() ?? typeof(object)));
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
