namespace Api.Werkzeug;

/// <summary>Werkzeug's percent-decoding of paths and forms: escapes to bytes (invalid ones kept), read as UTF-8 with U+FFFD.</summary>
internal static class PercentDecoder
{
    public static string Decode(ReadOnlySpan<byte> encoded, bool plusIsSpace)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0) return Encoding.UTF8.GetString(encoded);

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
