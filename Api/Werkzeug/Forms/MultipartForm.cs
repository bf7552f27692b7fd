namespace Api.Werkzeug.Forms;

/// <summary>
/// The text fields of a multipart body: file parts are left out, and a body that does not parse
/// is an empty form, as with Werkzeug's silent parser; limits answered 413. A body that cannot be
/// received (Kestrel's broken framing, limits, time-outs) is never a form: its error propagates.
/// </summary>
internal static class MultipartForm
{
    /// <summary>A part's headers in any number of lines, and the text around the parts: Kestrel's default for a request's headers.</summary>
    private const int MaxPartHeaderBytes = 32 * 1024;

    public static async Task<FormCollection> ReadAsync(Stream body, string boundary, int maxParts, int maxKeyBytes, CancellationToken cancellationToken)
    {
        // Any boundary, however long, as Werkzeug: the reader's buffer (4 KiB) holds it with its dashes and line ends.
        var reader = new MultipartReader(boundary, body, Math.Max(4096, boundary.Length + 8))
        {
            HeadersLengthLimit = MaxPartHeaderBytes,
            HeadersCountLimit = int.MaxValue,
        };
        var fields = new List<KeyValuePair<string, string>>();
        var parts = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                FormFields.CheckLimits(++parts, 0, maxParts, maxKeyBytes);
                // A file part is left unread: the reader skips what is left of a part on its way to the next.
                if (FieldNameOf(section) is { } name)
                {
                    FormFields.CheckLimits(parts, Encoding.UTF8.GetByteCount(name), maxParts, maxKeyBytes);
                    using var buffer = new MemoryStream();
                    await section.Body.CopyToAsync(buffer, cancellationToken);
                    fields.Add(new(name, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)));
                }
            }
        }
        catch (InvalidDataException exception) when (!exception.Message.StartsWith("Invalid header line", StringComparison.Ordinal))
        {
            // The reader's other complaints are its length limits, which it also holds the text around the parts to.
            throw new BadHttpRequestException(
                $"A multipart part's headers, or the text before the first part or after the last, are longer than {MaxPartHeaderBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception exception) when (IsMalformedMultipart(exception))
        {
            return FormCollection.Empty;
        }

        return FormFields.Of(fields);
    }

    private static string? FieldNameOf(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
        && !disposition.Parameters.Any(p => p.Name.Equals("filename", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase))
        && HeaderUtilities.RemoveQuotes(disposition.Name) is { HasValue: true } name
            ? name.Value
            : null;

    // A header line without a colon, or a body that ends before its closing boundary: the reader's
    // own complaints, thrown by it. An IOException from beneath it is the body failing to arrive.
    private static bool IsMalformedMultipart(Exception exception) =>
        exception is InvalidDataException
        || (exception is IOException && exception.TargetSite?.Module == typeof(MultipartReader).Module);
}
