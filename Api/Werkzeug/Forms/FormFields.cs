namespace Api.Werkzeug.Forms;

/// <summary>
/// A form's text fields as Werkzeug's MultiDict holds them: keys case-sensitive, in first-sent order, each with
/// all its values in sent order (a string binds to the first); <see cref="FormOptions"/>' limits answered 413.
/// </summary>
internal static class FormFields
{
    /// <summary>The framework's form over an ordinal dictionary, which enumerates in insertion order while nothing is removed.</summary>
    public static FormCollection Of(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in fields) values[key] = StringValues.Concat(values.GetValueOrDefault(key), value);

        return new FormCollection(values);
    }

    /// <summary>Held as MVC's form reading holds them, and answered 413 as Kestrel answers a body too large.</summary>
    public static void CheckLimits(int fieldCount, int keyBytes, int maxFields, int maxKeyBytes)
    {
        if (fieldCount > maxFields)
        {
            throw new BadHttpRequestException($"The form has more than {maxFields} fields.", StatusCodes.Status413PayloadTooLarge);
        }

        if (keyBytes > maxKeyBytes)
        {
            throw new BadHttpRequestException($"A form key is longer than {maxKeyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
    }
}
