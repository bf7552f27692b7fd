using System.Text;

namespace Api.Werkzeug;

/// <summary>
/// Percent-decoding as Werkzeug does it for paths and form bodies: escapes become bytes,
/// an invalid escape stays as it is, and the bytes are read as UTF-8 with U+FFFD for invalid
/// sequences.
/// </summary>
public static class PercentDecoder
{
    /// <summary>Percent-decodes to bytes, then reads them as UTF-8 with replacement.</summary>
    public static string Decode(ReadOnlySpan<byte> encoded, bool plusIsSpace)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return Encoding.UTF8.GetString(encoded);
        }

        var decoded = encoded.Length <= 256 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == '%' && i + 2 < encoded.Length
                && TryHex(encoded[i + 1], out var high) && TryHex(encoded[i + 2], out var low))
            {
                decoded[length++] = (byte)((high << 4) | low);
                i += 2;
            }
            else
            {
                decoded[length++] = plusIsSpace && b == '+' ? (byte)' ' : b;
            }
        }

        return Encoding.UTF8.GetString(decoded[..length]);
    }

    private static bool TryHex(byte c, out int value)
    {
        value = c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
