namespace Api.Werkzeug.Forms;

/// <summary>A form's text fields in sent order, keys case-sensitive and repeated keys kept, as Werkzeug's MultiDict.</summary>
public sealed class FormFields : IFormBindable<FormFields>
{
    public static readonly FormFields Empty = new([]);

    private readonly List<KeyValuePair<string, string>> _fields;

    public FormFields(IEnumerable<KeyValuePair<string, string>> fields) => _fields = [.. fields];

    internal IReadOnlyList<KeyValuePair<string, string>> All => _fields;

    public static FormFields FromForm(FormFields form) => form;

    /// <summary>The first value sent under <paramref name="key"/> (compared ordinally), or null.</summary>
    public string? GetFirst(string key)
    {
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key, key, StringComparison.Ordinal)) return field.Value;
        }

        return null;
    }

    /// <summary>One entry per distinct key, holding its first value, in first-sent order.</summary>
    public Dictionary<string, string> ToFirstValues()
    {
        var firstValues = new Dictionary<string, string>(_fields.Count, StringComparer.Ordinal);
        foreach (var field in _fields) firstValues.TryAdd(field.Key, field.Value);

        return firstValues;
    }
}
