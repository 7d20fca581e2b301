using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>A backend view as stored: which item it belongs to and what the backend last reported.</summary>
public sealed record StoredView(long ItemId, BackendView View)
{
    /// <summary>For an episode, its show's id on that backend as last stored; null when not (yet) known.</summary>
    public string? ShowRemoteId { get; init; }
}

/// <summary>The identity of one backend view row.</summary>
public readonly record struct ViewId(string RemoteId, int Part);

/// <summary>The keys and item states one page of observations can touch, read in a few bulk queries.</summary>
public sealed class PageSnapshot
{
    public Dictionary<string, long> Keys { get; } = new(StringComparer.Ordinal);
    public Dictionary<long, ItemState> Items { get; } = [];
}
