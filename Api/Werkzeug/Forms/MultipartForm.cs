using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Api.Werkzeug.Forms;

/// <summary>
/// Reads the text fields of a <c>multipart/form-data</c> body. A part with a <c>filename</c>
/// parameter is a file and is left out; a body that does not parse yields no fields at all,
/// as Werkzeug's silent form parser does. More than <c>maxParts</c> parts, or a field name longer
/// than <c>maxKeyBytes</c>, is refused with 413.
/// </summary>
public static class MultipartForm
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
                if (TryGetFieldName(section, out var name))
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

    private static bool TryGetFieldName(MultipartSection section, out string name)
    {
        name = string.Empty;
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || disposition.Parameters.Any(p => p.Name.Equals("filename", StringComparison.OrdinalIgnoreCase)
                || p.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var fieldName = HeaderUtilities.RemoveQuotes(disposition.Name);
        if (!fieldName.HasValue)
        {
            return false;
        }

        name = fieldName.Value!;
        return true;
    }

    // Kestrel reports a client's broken framing (size limits, bad chunking) as
    // BadHttpRequestException, an IOException too: that one is not a multipart problem.
    private static bool IsMalformedMultipart(Exception exception) =>
        exception is InvalidDataException or FormatException
        || (exception is IOException && exception is not BadHttpRequestException);
}
