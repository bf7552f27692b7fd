namespace Api.Features.Items;

/// <summary>
/// What the store accepts, the same on both databases: a name of 1 to 100 characters, a description of at most
/// 1000 or none, a price from 0 to 1,000,000,000 with at most two decimals. Characters are Unicode code points, as
/// SQLite's length() and PostgreSQL's varchar count them; text holds no NUL (PostgreSQL's text cannot) and no
/// unpaired surrogate (no encoding can). The HTTP layer checks the same before it calls the store.
/// </summary>
public static class ItemRules
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;
    public const decimal MaxPrice = 1_000_000_000m;
    public const int PageMaxSize = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field the store would not keep as given.</summary>
    public static void Check(ItemFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Name is null || CodePoints(fields.Name) is < 1 or > NameMaxLength)
        {
            throw new ArgumentException($"The name must be 1 to {NameMaxLength} characters, without NUL or unpaired surrogate.", nameof(fields));
        }

        if (fields.Description is not null && CodePoints(fields.Description) is < 0 or > DescriptionMaxLength)
        {
            throw new ArgumentException($"The description must be at most {DescriptionMaxLength} characters, without NUL or unpaired surrogate.", nameof(fields));
        }

        if (!IsPrice(fields.Price))
        {
            throw new ArgumentException($"The price must be from 0 to {MaxPrice} with at most two decimals.", nameof(fields));
        }
    }

    public static bool IsPrice(decimal price) => price is >= 0 and <= MaxPrice && decimal.Truncate(price * 100) == price * 100;

    /// <summary>The number of code points, or -1 when the text holds NUL or an unpaired surrogate.</summary>
    public static int CodePoints(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        for (var i = 0; i < text.Length; i++, count++)
        {
            var c = text[i];
            if (c == '\0') return -1;
            if (!char.IsSurrogate(c)) continue;
            if (!char.IsHighSurrogate(c) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])) return -1;
            i++;
        }

        return count;
    }
}
