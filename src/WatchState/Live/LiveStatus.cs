using System.Collections.Concurrent;

namespace WatchState.Live;

/// <summary>How one backend's live connection is doing, for the API, the UI and tests.</summary>
/// <param name="Connected">True while the event stream is open.</param>
/// <param name="Since">When the connection opened or last failed.</param>
/// <param name="LastEventAt">When the last event was stored; null before the first.</param>
/// <param name="Error">Why the last connection failed; null while connected.</param>
/// <param name="Events">Events stored since the server started.</param>
public sealed record LiveConnection(bool Connected, DateTimeOffset Since, DateTimeOffset? LastEventAt, string? Error, long Events);

/// <summary>The live connections of the running server, by backend name.</summary>
public sealed class LiveStatus
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LiveConnection> Snapshot() => new Dictionary<string, LiveConnection>(_connections, StringComparer.Ordinal);

    public LiveConnection? Find(string backend) => _connections.TryGetValue(backend, out var connection) ? connection : null;

    internal void Opened(string backend, DateTimeOffset at) =>
        _connections.AddOrUpdate(
            backend,
            _ => new LiveConnection(true, at, null, null, 0),
            (_, old) => old with { Connected = true, Since = at, Error = null });

    internal void Stored(string backend, DateTimeOffset at) =>
        _connections.AddOrUpdate(
            backend,
            _ => new LiveConnection(true, at, at, null, 1),
            (_, old) => old with { LastEventAt = at, Events = old.Events + 1 });

    internal void Failed(string backend, DateTimeOffset at, string error) =>
        _connections.AddOrUpdate(
            backend,
            _ => new LiveConnection(false, at, null, error, 0),
            (_, old) => old with { Connected = false, Since = at, Error = error });

    internal void Removed(string backend) => _connections.TryRemove(backend, out _);
}
