namespace Api.Features.Items;

/// <summary>
/// The items, stored. Every method either answers or throws <see cref="StoreUnavailableException"/> when the
/// database cannot serve it now (busy beyond the timeout, full, read-only, unreachable), and
/// <see cref="ArgumentException"/> for fields <see cref="ItemRules"/> refuses; an id outside the column's range
/// (0 or less) finds nothing.
/// </summary>
public interface IItemStore
{
    /// <summary>Up to <paramref name="limit"/> (1 to 100) items whose id is greater than <paramref name="after"/> (all when null), in ascending id.</summary>
    Task<ItemPage> ListAsync(long? after, int limit, CancellationToken cancellationToken = default);

    Task<Item?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Stores a new item and returns it with its id, times and version 1.</summary>
    Task<Item> AddAsync(ItemFields fields, CancellationToken cancellationToken = default);

    /// <summary>Replaces the fields of the item only while its version is still <paramref name="version"/>.</summary>
    Task<ReplaceResult> ReplaceAsync(long id, long version, ItemFields fields, CancellationToken cancellationToken = default);

    /// <summary>Deletes the item; when <paramref name="version"/> is given, only while it is still that version.</summary>
    Task<DeleteOutcome> DeleteAsync(long id, long? version = null, CancellationToken cancellationToken = default);
}
