namespace WatchState.Backends;

/// <summary>
/// Extra ability of an <see cref="IMediaServer"/> whose server can list only what changed, so the everyday import
/// reads a handful of pages instead of every library.
/// </summary>
public interface IIncrementalListing
{
    /// <summary>
    /// Like <see cref="IMediaServer.StreamItemsAsync"/>, but only the items whose play state (for the configured
    /// user) or metadata changed at or after <paramref name="since"/>, as the server's own filter sees it. It may
    /// return more than that; an item it does not return is unchanged, never "gone". The caller has already
    /// subtracted any safety margin for clock skew: the value is sent as given.
    /// </summary>
    IAsyncEnumerable<ItemPage> StreamChangedItemsAsync(Library library, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>What a change listing cannot see on this server (shown to the user), or null when it sees everything.</summary>
    string? IncrementalBlindSpot { get; }
}
