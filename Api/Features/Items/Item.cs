namespace Api.Features.Items;

/// <summary>
/// An item as stored. The store assigns <see cref="Id"/> (never reused), the times (UTC, whole microseconds) and
/// <see cref="Version"/> (1 when added, one more on every change); the caller gives the rest.
/// </summary>
public sealed class Item
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public decimal Price { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>What a caller gives for an item: checked by <see cref="ItemRules"/> before anything is written.</summary>
public sealed record ItemFields(string Name, string? Description, decimal Price);

/// <summary>Items in ascending id, and whether more follow the last one.</summary>
public sealed record ItemPage(IReadOnlyList<Item> Items, bool HasMore);

public enum ReplaceOutcome
{
    Replaced,
    NotFound,
    VersionChanged,
}

/// <summary>The outcome of a replace, and the item as stored when it was replaced.</summary>
public sealed record ReplaceResult(ReplaceOutcome Outcome, Item? Item);

public enum DeleteOutcome
{
    Deleted,
    NotFound,
    VersionChanged,
}
