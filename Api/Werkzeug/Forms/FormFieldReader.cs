using System.Buffers;

namespace Api.Werkzeug.Forms;

/// <summary>
/// Reads urlencoded and multipart bodies as Werkzeug does; any other body, or a Content-Type that is missing, malformed
/// or without a boundary, is an empty form, never an error, and the query string is never read.
/// </summary>
internal sealed class FormFieldReader(IOptions<FormOptions> formOptions)
{
    private const int InitialBufferLimit = 64 * 1024;

    public async Task<FormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType)) return FormCollection.Empty;

        var options = formOptions.Value;
        var mediaType = MediaTypeOf(contentType);
        var body = request.Body;
        if (mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = await ReadBodyAsync(body, request.ContentLength, cancellationToken);
            return UrlEncodedForm.Parse(form.Span, options.ValueCountLimit, options.KeyLengthLimit);
        }

        if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) && BoundaryOf(contentType) is { } boundary)
        {
            return await MultipartForm.ReadAsync(body, boundary, options.ValueCountLimit, options.KeyLengthLimit, cancellationToken);
        }

        return FormCollection.Empty;
    }

    private static ReadOnlySpan<char> MediaTypeOf(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        // Stryker disable once Equality: a semicolon first leaves no media type this reader knows, whichever way it is cut
        return (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
    }

    private static string? BoundaryOf(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && HeaderUtilities.RemoveQuotes(parsed.Boundary) is { Length: > 0 } boundary
            ? boundary.Value
            : null;

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength is { } declared and <= InitialBufferLimit)
        {
            // The usual small form: one buffer of the declared size, read straight into.
            var buffer = new byte[declared];
            await body.ReadExactlyAsync(buffer, cancellationToken);
            return buffer;
        }

        // Otherwise the declared length is only the client's claim: the bytes are gathered in pooled
        // blocks as they come, then copied once into a buffer of their length (a MemoryStream copies
        // them again at each doubling, into large buffers the GC keeps committed).
        // A body that fails to arrive leaves its blocks to the GC, as the pool allows.
        var blocks = new List<byte[]>();
        var (length, read) = (0, 0);
        do
        {
            blocks.Add(ArrayPool<byte>.Shared.Rent(InitialBufferLimit));
            read = await body.ReadAtLeastAsync(blocks[^1].AsMemory(0, InitialBufferLimit), InitialBufferLimit, throwOnEndOfStream: false, cancellationToken);
            length += read;
        }
        while (read == InitialBufferLimit);

        var bytes = GC.AllocateUninitializedArray<byte>(length);
        for (var i = 0; i < blocks.Count; i++) blocks[i].AsSpan(0, Math.Min(InitialBufferLimit, length - (i * InitialBufferLimit))).CopyTo(bytes.AsSpan(i * InitialBufferLimit));

        // Stryker disable once Statement: a block not returned to the pool costs memory, not a byte of the form
        foreach (var block in blocks) ArrayPool<byte>.Shared.Return(block);
        return bytes;
    }
}
