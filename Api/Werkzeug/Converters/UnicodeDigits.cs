namespace Api.Werkzeug.Converters;

/// <summary>Python's <c>int()</c> and <c>float()</c> read any Unicode digit: <c>/test/%D9%A3</c> is <c>test 3</c>.</summary>
internal static class UnicodeDigits
{
    /// <summary>The ASCII digits of a run of one or more decimal digits, or null when the text is empty or holds anything else.</summary>
    public static string? ToAscii(string text)
    {
        if (text.Length == 0 || !text.AsSpan().ContainsAnyExceptInRange('0', '9')) return text.Length == 0 ? null : text;

        var ascii = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.DecimalDigitNumber) return null;

            ascii.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
        }

        return ascii.ToString();
    }
}
