using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WatchState.Simulator.Plex;

/// <summary>Everything one simulated PMS knows: catalog, tokens, per-user play state, faults, request log.</summary>
internal sealed class PlexServer
{
    public const string Admin = "admin";
    private const int LogCapacity = 10_000;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<int, PlexPlayState>> _states = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _userByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokenByUser = new(StringComparer.OrdinalIgnoreCase);
    private int _requestCount;

    public PlexServer(PlexSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Library);
        Version = options.Version;
        ServerName = options.ServerName;
        MachineIdentifier = options.MachineIdentifier ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        AdminToken = options.AdminToken;
        LegacyAgents = options.LegacyAgents;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        AddUser(Admin, AdminToken);
        foreach (var name in options.Library.UserNames)
        {
            if (!_tokenByUser.ContainsKey(name))
            {
                AddUser(name, "plex-token-" + name.ToLowerInvariant());
            }
        }

        Catalog = new PlexCatalog(options.Library, LegacyAgents, Seed);
        Notifications = new PlexNotifications(this);
    }

    public string Version { get; }

    public string ServerName { get; }

    public string MachineIdentifier { get; }

    public string AdminToken { get; }

    public bool LegacyAgents { get; }

    public TimeProvider TimeProvider { get; }

    public PlexCatalog Catalog { get; }

    public SimulatorFaults Faults { get; } = new();

    public PlexSessions Sessions { get; } = new();

    public PlexNotifications Notifications { get; }

    public int RequestCount => Volatile.Read(ref _requestCount);

    public IReadOnlyList<string> RequestLog => [.. _log];

    public long Now => TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    public void Record(string line)
    {
        Interlocked.Increment(ref _requestCount);
        _log.Enqueue(line);
        while (_log.Count > LogCapacity && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>Every user with a token, the owner first, as the server's local account list shows them.</summary>
    public IReadOnlyList<(long Id, string Name)> Accounts()
    {
        lock (_gate)
        {
            // The owner is local account 1; the others carry (made-up, stable) plex.tv account ids.
            return [.. _tokenByUser.Keys
                .Order(StringComparer.OrdinalIgnoreCase)
                .Select((name, i) => string.Equals(name, Admin, StringComparison.OrdinalIgnoreCase) ? (1L, name) : (10_000_000L + i, name))
                .OrderBy(a => a.Item1)];
        }
    }

    /// <summary>The user a token belongs to, or null for an unknown token.</summary>
    public string? UserOf(string? token)
    {
        lock (_gate)
        {
            return token is not null && _userByToken.TryGetValue(token, out var user) ? user : null;
        }
    }

    /// <summary>A user's server token; users the library never mentions get one on first request.</summary>
    public string TokenOf(string userName)
    {
        lock (_gate)
        {
            if (!_tokenByUser.TryGetValue(userName, out var token))
            {
                token = "plex-token-" + userName.ToLowerInvariant();
                AddUser(userName, token);
            }

            return token;
        }
    }

    public PlexPlayState Get(string user, int ratingKey)
    {
        lock (_gate)
        {
            return _states.TryGetValue(user, out var items) && items.TryGetValue(ratingKey, out var s) ? s : default;
        }
    }

    /// <summary>Watched episodes of a show for one user, read under one lock.</summary>
    public int CountViewed(string user, IReadOnlyList<PlexItem> episodes)
    {
        lock (_gate)
        {
            if (!_states.TryGetValue(user, out var items))
            {
                return 0;
            }

            var viewed = 0;
            foreach (var e in episodes)
            {
                if (items.TryGetValue(e.RatingKey, out var s) && s.ViewCount > 0)
                {
                    viewed++;
                }
            }

            return viewed;
        }
    }

    public void Update(string user, IEnumerable<PlexItem> items, Func<PlexPlayState, PlexPlayState> change)
    {
        lock (_gate)
        {
            if (!_states.TryGetValue(user, out var states))
            {
                _states[user] = states = [];
            }

            foreach (var item in items)
            {
                var next = change(states.GetValueOrDefault(item.RatingKey));
                if (next.IsEmpty)
                {
                    states.Remove(item.RatingKey);
                }
                else
                {
                    states[item.RatingKey] = next;
                }
            }
        }
    }

    /// <summary>Like /:/scrobble: one more view stamped now; the resume point goes away.</summary>
    public void Scrobble(string user, PlexItem item)
    {
        var now = Now;
        var items = Catalog.EpisodesOf(item);
        Update(user, items, s => new PlexPlayState(s.ViewCount + 1, now, null));
        Notifications.Changed(items);
    }

    /// <summary>Like /:/unscrobble: count, date and resume point all disappear.</summary>
    public void Unscrobble(string user, PlexItem item)
    {
        var items = Catalog.EpisodesOf(item);
        Update(user, items, _ => default);
        Notifications.Changed(items);
    }

    /// <summary>Like a stopped /:/timeline: the resume point moves and counts as activity now.</summary>
    public void SetProgress(string user, PlexItem item, long offsetMs)
    {
        var now = Now;
        Update(user, [item], s => s with { ViewOffset = offsetMs > 0 ? offsetMs : null, LastViewedAt = now });
    }

    private void AddUser(string name, string token)
    {
        _userByToken[token] = name;
        _tokenByUser[name] = token;
    }

    private void Seed(PlexItem item, SimVideo video)
    {
        foreach (var (user, s) in video.States)
        {
            var state = new PlexPlayState(
                s.Played ? Math.Max(s.PlayCount, 1) : 0,
                s.LastPlayed?.ToUnixTimeSeconds(),
                s.Position > TimeSpan.Zero ? (long)s.Position.TotalMilliseconds : null);
            var name = string.Equals(user, Admin, StringComparison.OrdinalIgnoreCase) ? Admin : user;
            Update(name, [item], _ => state);
        }
    }
}
