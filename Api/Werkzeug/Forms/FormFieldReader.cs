using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Api.Werkzeug.Forms;

/// <summary>
/// Only <c>application/x-www-form-urlencoded</c> and <c>multipart/form-data</c> bodies carry
/// fields; any other body, a missing or malformed Content-Type, or a multipart type without a
/// boundary gives an empty form, never an error. The query string is never read. A form with more
/// fields than <see cref="FormOptions.ValueCountLimit"/> or a key longer than
/// <see cref="FormOptions.KeyLengthLimit"/> is refused with 413; the body's size is held by the
/// server's own limit (Kestrel's <c>MaxRequestBodySize</c>).
/// </summary>
public sealed class FormFieldReader(IOptions<FormOptions> formOptions)
{
    private const int InitialBufferLimit = 64 * 1024;

    public async Task<FormFields> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            return FormFields.Empty;
        }

        var options = formOptions.Value;
        var mediaType = MediaTypeOf(contentType);
        var body = request.Body;
        if (mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = await ReadBodyAsync(body, request.ContentLength, cancellationToken);
            return UrlEncodedForm.Parse(form.Span, options.ValueCountLimit, options.KeyLengthLimit);
        }

        if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            && TryGetBoundary(contentType, out var boundary))
        {
            return await MultipartForm.ReadAsync(body, boundary, options.ValueCountLimit, options.KeyLengthLimit, cancellationToken);
        }

        return FormFields.Empty;
    }

    private static ReadOnlySpan<char> MediaTypeOf(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
    }

    private static bool TryGetBoundary(string contentType, out string boundary)
    {
        boundary = string.Empty;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        var value = HeaderUtilities.RemoveQuotes(parsed.Boundary);
        if (!value.HasValue || value.Length == 0)
        {
            return false;
        }

        boundary = value.Value!;
        return true;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength is { } declared and <= InitialBufferLimit)
        {
            // The usual small form: one buffer of the declared size, read straight into.
            var buffer = new byte[declared];
            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            return buffer.AsMemory(0, read);
        }

        // Otherwise the declared length is only the client's claim: grow as the bytes come.
        using var stream = new MemoryStream();
        await body.CopyToAsync(stream, cancellationToken);
        return stream.GetBuffer().AsMemory(0, (int)stream.Length);
    }
}
