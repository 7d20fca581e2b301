using WatchState.Domain;

namespace WatchState.Backends;

/// <summary>
/// Extra ability of an <see cref="IMediaServer"/> that can change the configured user's play state. Export goes
/// through this only (via the outbox); every call acts as the user the backend is configured for.
/// </summary>
public interface IPlayStateWriter
{
    /// <summary>
    /// The current state of the given remote items for the configured user, fetched in bulk (a few requests, not
    /// one per id). Ids the server no longer has are simply absent from the result.
    /// </summary>
    Task<IReadOnlyList<Observation>> GetItemsAsync(IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken);

    /// <summary>Remote ids of the items the configured user is playing on this server right now.</summary>
    Task<IReadOnlySet<string>> GetPlayingAsync(CancellationToken cancellationToken);

    /// <summary>Applies one change; throws a <see cref="BackendException"/> (with the HTTP status) when refused.</summary>
    /// <remarks>
    /// Plex cannot store a past play date: <see cref="RemoteWriteKind.MarkPlayed"/> is dated "now" by the server
    /// whatever <see cref="RemoteWrite.PlayedAt"/> says. Jellyfin and Emby keep the given date.
    /// </remarks>
    Task WriteAsync(RemoteWrite write, CancellationToken cancellationToken);
}

public enum RemoteWriteKind
{
    /// <summary>Mark played, with <see cref="RemoteWrite.PlayedAt"/> where the server can store a date.</summary>
    MarkPlayed,

    /// <summary>Mark unplayed (also clears the resume point on every server).</summary>
    MarkUnplayed,

    /// <summary>Set the resume position to <see cref="RemoteWrite.PositionMs"/> on an unplayed item.</summary>
    SetProgress,

    /// <summary>Remove a leftover resume point from a played item.</summary>
    ClearProgress,
}

/// <summary>One change to one remote item.</summary>
/// <param name="RemoteId">The item's id on that server.</param>
/// <param name="Kind">What to change.</param>
/// <param name="PlayedAt">The play date for <see cref="RemoteWriteKind.MarkPlayed"/>.</param>
/// <param name="PositionMs">The resume position for <see cref="RemoteWriteKind.SetProgress"/>.</param>
/// <param name="DurationMs">The item's runtime when known (Plex's timeline call wants it).</param>
public sealed record RemoteWrite(
    string RemoteId,
    RemoteWriteKind Kind,
    DateTimeOffset? PlayedAt = null,
    long PositionMs = 0,
    long? DurationMs = null);
