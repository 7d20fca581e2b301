using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Domain;

namespace WatchState.Tests.Sync;

/// <summary>
/// A tiny in-memory server for outbox tests that need failures on cue (a 503 then success, a 404, a dead server);
/// the export story end to end runs against the real simulators over HTTP.
/// </summary>
internal sealed class FakeWriterServer(string name) : IMediaServer, IPlayStateWriter
{
    private readonly ConcurrentDictionary<string, Observation> _items = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Every call fails as a refused connection.</summary>
    public bool Down { get; set; }

    /// <summary>Status codes the next writes fail with, in order (0 for a network error).</summary>
    public ConcurrentQueue<int> WriteFailures { get; } = new();

    public HashSet<string> Playing { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<RemoteWrite> Writes { get; } = new();

    public int Reads;

    /// <summary>Plex: a play is dated with the server's clock in whole seconds, whatever date the write carries.</summary>
    public BackendType Type { get; init; } = BackendType.Jellyfin;

    public BackendConfig Config => new()
    {
        Name = Name,
        Type = Type,
        Url = new Uri("http://127.0.0.1:1/"),
        Token = "t",
        User = "u",
    };

    public Observation this[string remoteId]
    {
        get => _items[remoteId];
        set => _items[remoteId] = value;
    }

    public void AddMovie(string remoteId, string imdb, bool played = false, DateTimeOffset? playedAt = null, long progressMs = 0) =>
        _items[remoteId] = new Observation
        {
            Backend = Name,
            RemoteId = remoteId,
            Type = MediaType.Movie,
            Title = "Movie " + imdb,
            Ids = [new ExternalId("imdb", imdb)],
            Played = played,
            PlayedAt = playedAt,
            AddedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ProgressMs = progressMs,
            PlayCount = played ? 1 : 0,
            ReceivedAt = DateTimeOffset.UtcNow,
        };

    public Task<ServerInfo> GetInfoAsync(CancellationToken cancellationToken) =>
        Guard(() => new ServerInfo(Name, Name, "1.0", "fake"));

    public Task<IReadOnlyList<RemoteUser>> GetUsersAsync(CancellationToken cancellationToken) =>
        Guard<IReadOnlyList<RemoteUser>>(() => [new RemoteUser("u", "user", true)]);

    public Task<IReadOnlyList<Library>> GetLibrariesAsync(CancellationToken cancellationToken) =>
        Guard<IReadOnlyList<Library>>(() => [new Library("1", "Movies", LibraryKind.Movies, "movies")]);

    public async IAsyncEnumerable<ItemPage> StreamItemsAsync(Library library, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = await Guard(() => _items.Values.Select(o => o with { ReceivedAt = DateTimeOffset.UtcNow }).ToList());
        yield return new ItemPage(items, [], items.Count);
    }

    public Task<IReadOnlyList<Observation>> GetItemsAsync(IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken) =>
        Guard<IReadOnlyList<Observation>>(() =>
        {
            Interlocked.Increment(ref Reads);
            return [.. remoteIds.Where(_items.ContainsKey).Select(id => _items[id])];
        });

    public Task<IReadOnlySet<string>> GetPlayingAsync(CancellationToken cancellationToken) =>
        Guard<IReadOnlySet<string>>(() => new HashSet<string>(Playing, StringComparer.Ordinal));

    public Task WriteAsync(RemoteWrite write, CancellationToken cancellationToken) => Guard(() =>
    {
        if (WriteFailures.TryDequeue(out var status))
        {
            throw status == 0
                ? new BackendException(Name, "connection refused")
                : new BackendException(Name, $"write refused ({status})", status);
        }

        Writes.Enqueue(write);
        var o = _items[write.RemoteId];
        _items[write.RemoteId] = write.Kind switch
        {
            _ when Type == BackendType.Plex && write.Kind is RemoteWriteKind.MarkPlayed or RemoteWriteKind.ClearProgress => Scrobbled(o),
            RemoteWriteKind.MarkPlayed => o with { Played = true, PlayedAt = write.PlayedAt ?? DateTimeOffset.UtcNow, ProgressMs = 0, PlayCount = o.PlayCount + 1 },
            RemoteWriteKind.MarkUnplayed => o with { Played = false, ProgressMs = 0 },
            RemoteWriteKind.SetProgress => o with { ProgressMs = write.PositionMs },
            _ => o with { ProgressMs = 0 },
        };
        return true;
    });

    /// <summary>What /:/scrobble does to an item: one more play, dated now in whole seconds, no resume point.</summary>
    public static Observation Scrobbled(Observation o) => o with
    {
        Played = true,
        PlayedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        ProgressMs = 0,
        PlayCount = o.PlayCount + 1,
    };

    private Task<T> Guard<T>(Func<T> body) => Down
        ? Task.FromException<T>(new BackendException(Name, "cannot connect: connection refused"))
        : Task.FromResult(body());
}

internal sealed class FakeServerFactory : IMediaServerFactory
{
    public Dictionary<string, FakeWriterServer> Servers { get; } = new(StringComparer.Ordinal);

    public IMediaServer Create(BackendConfig config) => Servers[config.Name];
}
