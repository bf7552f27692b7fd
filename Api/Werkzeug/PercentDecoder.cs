namespace Api.Werkzeug;

// Invalid escapes kept, read as UTF-8 with U+FFFD.
internal static class PercentDecoder
{
    public static string Decode(ReadOnlySpan<byte> encoded, bool plusIsSpace)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0) return Encoding.UTF8.GetString(encoded);

        // Stryker disable once Equality,Conditional: on the stack or the heap, the bytes are the same; only the speed differs
        var decoded = encoded.Length <= 256 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && byte.TryParse(encoded.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, null, out var escaped))
            {
                decoded[length++] = escaped;
                i += 2;
            }
            else
            {
                decoded[length++] = plusIsSpace && encoded[i] == '+' ? (byte)' ' : encoded[i];
            }
        }

        return Encoding.UTF8.GetString(decoded[..length]);
    }
}
