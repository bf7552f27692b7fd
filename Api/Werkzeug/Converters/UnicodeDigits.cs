using System.Globalization;
using System.Text;

namespace Api.Werkzeug.Converters;

/// <summary>
/// Python's <c>\d</c> is any Unicode decimal digit (category Nd), and <c>int()</c> and
/// <c>float()</c> read them all: <c>/test/%D9%A3</c> (ARABIC-INDIC DIGIT THREE) is <c>test 3</c>.
/// </summary>
internal static class UnicodeDigits
{
    /// <summary>Appends the ASCII form of a run of one or more decimal digits; false on anything else.</summary>
    public static bool TryAppendAscii(ReadOnlySpan<char> text, StringBuilder ascii)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.DecimalDigitNumber)
            {
                return false;
            }

            ascii.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
        }

        return true;
    }
}
