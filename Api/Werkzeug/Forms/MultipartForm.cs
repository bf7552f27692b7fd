using Microsoft.AspNetCore.WebUtilities;

namespace Api.Werkzeug.Forms;

/// <summary>
/// The text fields of a multipart body: file parts are left out, and a body that does not parse
/// is an empty form, as with Werkzeug's silent parser; limits answered 413.
/// </summary>
internal static class MultipartForm
{
    public static async Task<FormFields> ReadAsync(Stream body, string boundary, int maxParts, int maxKeyBytes, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body);
        var fields = new List<KeyValuePair<string, string>>();
        var parts = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                FormLimits.Check(++parts, 0, maxParts, maxKeyBytes);
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, cancellationToken);
                if (FieldNameOf(section) is { } name)
                {
                    FormLimits.Check(parts, Encoding.UTF8.GetByteCount(name), maxParts, maxKeyBytes);
                    fields.Add(new(name, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)));
                }
            }
        }
        catch (Exception exception) when (IsMalformedMultipart(exception))
        {
            return FormFields.Empty;
        }

        return new FormFields(fields);
    }

    private static string? FieldNameOf(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
        && !disposition.Parameters.Any(p => p.Name.Equals("filename", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase))
        && HeaderUtilities.RemoveQuotes(disposition.Name) is { HasValue: true } name
            ? name.Value
            : null;

    // Kestrel reports a client's broken framing (size limits, bad chunking) as
    // BadHttpRequestException, an IOException too: that one is not a multipart problem.
    private static bool IsMalformedMultipart(Exception exception) =>
        exception is InvalidDataException or FormatException
        || (exception is IOException && exception is not BadHttpRequestException);
}
