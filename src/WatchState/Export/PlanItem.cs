using WatchState.Domain;

namespace WatchState.Export;

/// <summary>One item as export planning sees it: its merged state and what every backend last reported.</summary>
/// <param name="Source">
/// The backend whose observation made the item's latest applied decision; null when it was our own (an explicit
/// <c>history:watch</c>) or unknown.
/// </param>
/// <param name="UpdatedAt">When the item's merged state last changed.</param>
public sealed record PlanItem(
    long ItemId, string Title, ItemState State, string? Source, DateTimeOffset UpdatedAt, IReadOnlyList<PlanView> Views);

/// <summary>One backend's last known view of an item.</summary>
/// <param name="Part">0, or the episode number of a multi-episode file's extra episode.</param>
/// <param name="UpdatedAt">When we last stored this view.</param>
/// <param name="ShowRemoteId">For an episode, its show's id on that backend when known (ignore rules for a show).</param>
public sealed record PlanView(string Backend, string RemoteId, int Part, BackendView View, DateTimeOffset UpdatedAt, string? ShowRemoteId = null)
{
    /// <summary>An ignore rule (<c>item://BACKEND?id=ITEM</c>) keeps this backend item out of sync: no write, no state read.</summary>
    public bool Ignored { get; init; }
}
