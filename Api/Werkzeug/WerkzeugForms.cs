using System.Buffers;
using System.IO.Pipelines;

namespace Api.Werkzeug;

// The jQuery provider is removed: it matches keys case-insensitively.
internal sealed class WerkzeugFormFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var form = await http.RequestServices.GetRequiredService<WerkzeugFormParser>().ReadAsync(http.Request, http.RequestAborted);
        http.Features.Set<IFormFeature>(new FormFeature(form));
        context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        await next();
    }
}

// MVC's form value providers would read the body: a broken multipart body sent with a GET would be a 400.
internal sealed class WerkzeugNoFormFilter : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        // Stryker disable once Statement: without a form content type MVC's form providers find nothing to read; the check only spares removing them
        if (!context.HttpContext.Request.HasFormContentType) return;
        context.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context) { }
}

/// <summary>Reads forms as Werkzeug does: case-sensitive keys in first-sent order; an unparsable body is an empty form; limits are 413.
/// Hand-written for multipart: the framework's reader tells a malformed body from one beyond its limits only by its exceptions' text.</summary>
internal sealed class WerkzeugFormParser(IOptions<FormOptions> formOptions)
{
    // For a part's headers, and the text around the parts: Kestrel's default for a request's headers.
    public const int MaxPartHeaderBytes = 32 * 1024;
    private const int BlockBytes = 64 * 1024;

    public async Task<FormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType)) return FormCollection.Empty;
        var options = formOptions.Value;
        // Stryker disable once Equality: a semicolon first leaves no media type this reader knows, whichever way it is cut
        var mediaType = (contentType.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0 ? contentType.AsSpan(0, semicolon) : contentType).Trim();
        if (mediaType.Equals(MediaTypeNames.Application.FormUrlEncoded, StringComparison.OrdinalIgnoreCase))
            return ParseUrlEncoded(await ReadBodyAsync(request.Body, request.ContentLength, cancellationToken), options.ValueCountLimit, options.KeyLengthLimit);

        if (mediaType.Equals(MediaTypeNames.Multipart.FormData, StringComparison.OrdinalIgnoreCase)
            && MediaTypeHeaderValue.TryParse(contentType, out var parsed) && HeaderUtilities.RemoveQuotes(parsed.Boundary) is { Length: > 0 } boundary)
        {
            var body = await ReadBodyAsync(request.Body, request.ContentLength, cancellationToken);
            return ParseMultipart(body, Encoding.Latin1.GetBytes(boundary.Value!), options.ValueCountLimit, options.KeyLengthLimit) ?? FormCollection.Empty;
        }

        return FormCollection.Empty;
    }

    // Empty pairs skipped, no '=' means an empty value, '+' is a space.
    public static FormCollection ParseUrlEncoded(ReadOnlySpan<byte> body, int maxFields, int maxKeyBytes)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            if (pair.IsEmpty) continue;
            var equals = pair.IndexOf((byte)'=');
            var key = equals < 0 ? pair : pair[..equals];
            CheckLimits(fields.Count + 1, key.Length, maxFields, maxKeyBytes);
            fields.Add(new(PercentDecoder.Decode(key, plusIsSpace: true), PercentDecoder.Decode(equals < 0 ? [] : pair[(equals + 1)..], plusIsSpace: true)));
        }

        return Form(fields);
    }

    // RFC 7578, file parts left out; null for a header line without a name, or no closing delimiter.
    public static FormCollection? ParseMultipart(ReadOnlySpan<byte> body, ReadOnlySpan<byte> boundary, int maxParts, int maxKeyBytes)
    {
        var delimiter = (byte[])[(byte)'\r', (byte)'\n', (byte)'-', (byte)'-', .. boundary];
        // The first delimiter may open the body, without the line end before it.
        var first = body.IndexOf(delimiter.AsSpan(2));
        if ((first < 0 ? body.Length : first) > MaxPartHeaderBytes) throw TooLarge();
        if (first < 0) return null;
        var rest = body[(first + delimiter.Length - 2)..];
        var fields = new List<KeyValuePair<string, string>>();
        for (var parts = 1; ; parts++)
        {
            if (rest.StartsWith("--"u8))
            {
                if (rest.Length - (rest.IndexOf("\r\n"u8) is var end and >= 0 ? end + 2 : rest.Length) > MaxPartHeaderBytes) throw TooLarge();
                return Form(fields);
            }

            // Whatever follows the delimiter on its line is padding.
            if (rest.IndexOf("\r\n"u8) is not (>= 0 and var lineEnd) || rest[(lineEnd + 2)..].IndexOf(delimiter) is not (>= 0 and var partEnd)) return null;
            var part = rest[(lineEnd + 2)..][..partEnd];
            rest = rest[(lineEnd + 2 + partEnd + delimiter.Length)..];
            CheckLimits(parts, 0, maxParts, maxKeyBytes);
            if (!TryReadHeaders(part, out var disposition, out var valueStart)) return null;
            if (FieldNameOf(disposition) is { } name)
            {
                CheckLimits(parts, Encoding.UTF8.GetByteCount(name), maxParts, maxKeyBytes);
                fields.Add(new(name, Encoding.UTF8.GetString(part[valueStart..])));
            }
        }
    }

    private static bool TryReadHeaders(ReadOnlySpan<byte> part, out string? disposition, out int valueStart)
    {
        (disposition, valueStart) = (null, 0);
        var headerBytes = 0;
        while (part[valueStart..].IndexOf("\r\n"u8) is >= 0 and var length)
        {
            var line = part.Slice(valueStart, length);
            valueStart += length + 2;
            if (line.IsEmpty) return true;
            if ((headerBytes += line.Length) > MaxPartHeaderBytes) throw TooLarge();
            if (line.IndexOf((byte)':') is not (> 0 and var colon)) return false;
            if (Encoding.UTF8.GetString(line[..colon]).Equals(HeaderNames.ContentDisposition, StringComparison.OrdinalIgnoreCase))
            {
                var value = Encoding.UTF8.GetString(line[(colon + 1)..]).Trim();
                disposition = disposition is null ? value : $"{disposition},{value}";
            }
        }

        return false;
    }

    private static string? FieldNameOf(string? disposition) =>
        ContentDispositionHeaderValue.TryParse(disposition, out var parsed)
        && !parsed.Parameters.Any(p => p.Name.Equals("filename", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase))
        && HeaderUtilities.RemoveQuotes(parsed.Name) is { HasValue: true } name ? name.Value : null;

    private static BadHttpRequestException TooLarge() => new(
        $"A multipart part's headers, or the text before the first part or after the last, are longer than {MaxPartHeaderBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    private static void CheckLimits(int fieldCount, int keyBytes, int maxFields, int maxKeyBytes)
    {
        if (fieldCount > maxFields) throw new BadHttpRequestException($"The form has more than {maxFields} fields.", StatusCodes.Status413PayloadTooLarge);
        if (keyBytes > maxKeyBytes) throw new BadHttpRequestException($"A form key is longer than {maxKeyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
    }

    // An ordinal dictionary enumerates in insertion order while nothing is removed.
    public static FormCollection Form(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in fields) values[key] = StringValues.Concat(values.GetValueOrDefault(key), value);
        return new FormCollection(values);
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength is { } declared and <= BlockBytes)
        {
            // The usual small form: one buffer of the declared size, read straight into.
            var buffer = new byte[declared];
            await body.ReadExactlyAsync(buffer, cancellationToken);
            return buffer;
        }

        // Else the length is only the client's claim: pooled blocks, copied once (a MemoryStream copies at each doubling).
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: BlockBytes));
        await body.CopyToAsync(pipe.Writer, cancellationToken);
        await pipe.Writer.CompleteAsync();
        var read = await pipe.Reader.ReadAsync(cancellationToken);
        var bytes = read.Buffer.ToArray();
        await pipe.Reader.CompleteAsync();
        return bytes;
    }
}
