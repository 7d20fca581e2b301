using WatchState.Domain;

namespace WatchState.Backends;

/// <summary>
/// An extra ability of a backend client: the server's own event stream (Plex <c>/:/websockets/notifications</c>,
/// Jellyfin/Emby web socket), which needs no Plex Pass, Emby Premiere or plugin.
/// </summary>
public interface ILiveEventSource
{
    /// <summary>
    /// Connects and yields what the server reports about this backend's user, until cancelled. The first element is
    /// <see cref="LiveEvent.Connected"/> once the connection is open. Events of other users are not yielded.
    /// </summary>
    /// <exception cref="BackendException">The connection could not be opened, or it dropped.</exception>
    IAsyncEnumerable<LiveEvent> ListenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A live event source whose one connection sees every user (Jellyfin/Emby with the admin API key): it reports
/// the events of several users at once, each tagged with <see cref="LiveEvent.UserId"/>, so one socket per server
/// serves every identity.
/// </summary>
public interface IMultiUserLiveEventSource : ILiveEventSource
{
    /// <summary>Like <see cref="ILiveEventSource.ListenAsync(CancellationToken)"/>, for each of <paramref name="userIds"/>.</summary>
    /// <param name="userIds">The users whose events are wanted; each item is read as that user (their own play state).</param>
    IAsyncEnumerable<LiveEvent> ListenAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken);
}

/// <summary>
/// A multi-user source whose connection hears every user but whose item reads show only the reading token's own
/// play state (Plex: the owner's token sees the owner's state), so it needs each user's token to re-read an item as
/// that user.
/// </summary>
public interface IUserTokenLiveEventSource : IMultiUserLiveEventSource
{
    /// <summary>Like <see cref="IMultiUserLiveEventSource.ListenAsync(IReadOnlyList{string}, CancellationToken)"/>.</summary>
    /// <param name="tokensByUser">
    /// Every other identity's user on this server with the token acting as them; never logged.
    /// </param>
    IAsyncEnumerable<LiveEvent> ListenAsync(IReadOnlyDictionary<string, string> tokensByUser, CancellationToken cancellationToken);
}

/// <summary>What a live event says, already turned into observations (their <c>Backend</c> is set by the listener).</summary>
/// <param name="Event">The server's message type, e.g. <c>playing</c>, <c>UserDataChanged</c>, <c>Sessions</c>.</param>
/// <param name="Observations">
/// Positions while playing use <see cref="ObservationKind.Live"/> (they never flip watched); an item's state as
/// re-read from the server after it changed uses <see cref="ObservationKind.Import"/>, so the listing rules apply
/// (an unplay needs proof, a re-scan is no unplay).
/// </param>
public sealed record LiveEvent(string Event, IReadOnlyList<Observation> Observations)
{
    public const string ConnectedEvent = "connected";

    /// <summary>The user the event is about, as the listener was given it; null for the backend's own user.</summary>
    public string? UserId { get; init; }

    /// <summary>Yielded first, so the listener knows the connection works and resets its backoff.</summary>
    public static LiveEvent Connected { get; } = new(ConnectedEvent, []);
}
