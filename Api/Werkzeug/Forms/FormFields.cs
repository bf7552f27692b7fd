using System.Collections;
using Microsoft.Extensions.Primitives;

namespace Api.Werkzeug.Forms;

/// <summary>
/// A form's text fields as Werkzeug's MultiDict holds them: keys case-sensitive, in first-sent order,
/// each with all its values in sent order (a string binds to the first).
/// </summary>
internal sealed class FormFields : IFormCollection
{
    public static readonly FormFields Empty = new([]);

    private readonly Dictionary<string, StringValues> _values = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public FormFields(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var (key, value) in fields)
        {
            if (_values.TryGetValue(key, out var values))
            {
                _values[key] = StringValues.Concat(values, value);
            }
            else
            {
                _values[key] = value;
                _keys.Add(key);
            }
        }
    }

    public int Count => _keys.Count;

    public ICollection<string> Keys => _keys;

    public IFormFileCollection Files { get; } = new FormFileCollection();

    public StringValues this[string key] => _values.GetValueOrDefault(key);

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out StringValues value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => _keys.Select(key => KeyValuePair.Create(key, _values[key])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
