namespace Api.Werkzeug.Forms;

/// <summary>
/// Parses <c>application/x-www-form-urlencoded</c> bytes with Werkzeug's rules: pairs split on
/// '&amp;', empty pairs skipped, a pair without '=' is a key with an empty value, '+' is a space,
/// invalid percent-escapes are kept as they are, and invalid UTF-8 becomes U+FFFD. More than
/// <c>maxFields</c> fields, or a key longer than <c>maxKeyBytes</c> as sent, is refused with 413.
/// </summary>
public static class UrlEncodedForm
{
    public static FormFields Parse(ReadOnlySpan<byte> body, int maxFields = int.MaxValue, int maxKeyBytes = int.MaxValue)
    {
        var fields = new List<KeyValuePair<string, string>>();
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? [] : pair[(equals + 1)..];
            FormLimits.Check(fields.Count + 1, key.Length, maxFields, maxKeyBytes);
            fields.Add(new(PercentDecoder.Decode(key, plusIsSpace: true), PercentDecoder.Decode(value, plusIsSpace: true)));
        }

        return new FormFields(fields);
    }
}
