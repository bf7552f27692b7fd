namespace Api.Features.Items;

/// <summary>An item as stored: its id, assigned by the store and never reused, and its times in UTC (RFC 3339).</summary>
public sealed record ItemResponse(long Id, string Name, string? Description, decimal Price, DateTime CreatedAt, DateTime UpdatedAt)
{
    internal static ItemResponse From(Item item) => new(item.Id, item.Name, item.Description, item.Price, item.CreatedAt, item.UpdatedAt);
}

/// <summary>A page of items in ascending id, and the URL of the next page, or null on the last.</summary>
public sealed record ItemPageResponse(IReadOnlyList<ItemResponse> Items, string? Next);
