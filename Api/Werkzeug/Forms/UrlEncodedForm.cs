namespace Api.Werkzeug.Forms;

/// <summary>
/// Werkzeug's urlencoded parsing: pairs split on '&amp;', empty pairs skipped, no '=' means an empty
/// value, '+' is a space, invalid escapes kept, invalid UTF-8 as U+FFFD; limits answered 413.
/// </summary>
internal static class UrlEncodedForm
{
    public static FormCollection Parse(ReadOnlySpan<byte> body, int maxFields = int.MaxValue, int maxKeyBytes = int.MaxValue)
    {
        var fields = new List<KeyValuePair<string, string>>();
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (pair.IsEmpty) continue;

            var equals = pair.IndexOf((byte)'=');
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? [] : pair[(equals + 1)..];
            FormFields.CheckLimits(fields.Count + 1, key.Length, maxFields, maxKeyBytes);
            fields.Add(new(PercentDecoder.Decode(key, plusIsSpace: true), PercentDecoder.Decode(value, plusIsSpace: true)));
        }

        return FormFields.Of(fields);
    }
}
