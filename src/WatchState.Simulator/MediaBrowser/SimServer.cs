using System.Collections.Concurrent;
using System.Globalization;

namespace WatchState.Simulator.MediaBrowser;

internal sealed record SimUser(string Name, string Id, bool IsAdministrator, string Password, DateTime? LastLoginDate);

/// <summary>Everything one simulated server knows; shared by its endpoints and the public test helpers.</summary>
internal sealed class SimServer
{
    private const int LogCapacity = 10_000;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Lock _rescanGate = new();
    private readonly ConcurrentDictionary<string, string> _userTokens = new(StringComparer.Ordinal);
    private volatile Catalog _catalog;
    private int _requestCount;

    public SimServer(MediaBrowserSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Library);
        Flavor = options.Flavor;
        Version = options.Version ?? (Flavor == MediaBrowserFlavor.Jellyfin ? "10.11.8" : "4.8.10.0");
        ServerName = options.ServerName;
        ServerId = options.ServerId ?? Guid.NewGuid().ToString("N");
        ApiKey = options.ApiKey;
        TimeProvider = options.TimeProvider;
        UserData = new UserDataStore(options.TimeProvider);
        LegacyAuthorization = options.LegacyAuthorization ?? (Flavor == MediaBrowserFlavor.Emby || MajorVersion(Version) < 12);
        Ids = new IdAllocator(Flavor, ServerId);
        StartedAt = Now;

        var states = new List<CatalogBuilder.InitialState>();
        _catalog = CatalogBuilder.Build(options.Library, Ids, states);
        var names = new List<string> { "admin", "alice" };
        names.AddRange(options.Library.UserNames.Where(n => !names.Contains(n, StringComparer.OrdinalIgnoreCase)));
        Users = [.. names.Select((n, i) => new SimUser(n, Ids.User(n), i == 0, n + "pass", i == 0 || IsEmby ? StartedAt : null))];
        foreach (var s in states)
        {
            var user = FindUserByName(s.UserName)!;
            // The library's own play state was saved before the server started, not by anything a client did.
            UserData.Update(
                user.Id,
                s.ItemId,
                _ => new UserItemState(s.State.Played, s.State.PlayCount, s.State.LastPlayed?.UtcDateTime, s.State.Position.Ticks, s.State.Favorite),
                StartedAt.AddDays(-1));
        }
    }

    public MediaBrowserFlavor Flavor { get; }

    public bool IsEmby => Flavor == MediaBrowserFlavor.Emby;

    public string Version { get; }

    public string ServerName { get; }

    public string ServerId { get; }

    public string ApiKey { get; }

    public bool LegacyAuthorization { get; }

    public TimeProvider TimeProvider { get; }

    public SimulatorFaults Faults { get; } = new();

    public SimWebhookSettings WebhookSettings { get; } = new();

    public IdAllocator Ids { get; }

    public DateTime StartedAt { get; }

    public IReadOnlyList<SimUser> Users { get; }

    public UserDataStore UserData { get; }

    public SessionStore Sessions { get; } = new();

    public Catalog Catalog => _catalog;

    public DateTime Now => TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Set once Kestrel has bound, e.g. http://127.0.0.1:41234.</summary>
    public string LocalAddress { get; set; } = "http://127.0.0.1";

    public int Port { get; set; }

    public int RequestCount => Volatile.Read(ref _requestCount);

    public IReadOnlyList<string> RequestLog => [.. _log];

    public void Record(string line)
    {
        Interlocked.Increment(ref _requestCount);
        _log.Enqueue(line);
        while (_log.Count > LogCapacity && _log.TryDequeue(out _))
        {
        }
    }

    public SimUser? FindUser(string? id) =>
        id is null ? null : Users.FirstOrDefault(u => string.Equals(u.Id, id, StringComparison.OrdinalIgnoreCase));

    public SimUser? FindUserByName(string name) =>
        Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));

    public string IssueToken(SimUser user)
    {
        var token = Guid.NewGuid().ToString("N");
        _userTokens[token] = user.Id;
        return token;
    }

    public SimUser? UserOfToken(string token) => _userTokens.TryGetValue(token, out var id) ? FindUser(id) : null;

    /// <summary>Mark played; on a series or season every episode below it, as the real server does.</summary>
    public void MarkPlayed(string userId, ServerItem item, DateTime? datePlayed)
    {
        var now = Now;
        foreach (var target in Targets(item))
        {
            UserData.Update(userId, target.Id, s => PlayStateRules.MarkPlayed(s, datePlayed, now));
        }
    }

    public void MarkUnplayed(string userId, ServerItem item)
    {
        foreach (var target in Targets(item))
        {
            UserData.Update(userId, target.Id, PlayStateRules.MarkUnplayed);
        }
    }

    public string Rescan(string itemId, bool newId)
    {
        lock (_rescanGate)
        {
            var catalog = _catalog;
            var item = catalog.Find(itemId) ?? throw new KeyNotFoundException($"no item {itemId}");
            if (item.Kind == ItemKind.CollectionFolder || (newId && item.IsFolder))
            {
                throw new InvalidOperationException("only movies and episodes can be replaced by a new file");
            }

            var updated = item with { DateCreated = Now, Id = newId ? Ids.Fresh(item.LookupKey) : item.Id };
            _catalog = catalog.Replace(item, updated);
            if (newId)
            {
                UserData.Forget(item.Id);
            }

            return updated.Id;
        }
    }

    private IReadOnlyList<ServerItem> Targets(ServerItem item) =>
        item.IsFolder ? Catalog.EpisodesUnder(item.Id) : [item];

    private static int MajorVersion(string version) =>
        int.TryParse(version.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;
}
