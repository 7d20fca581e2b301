using System.Text.Json;
using WatchState.Domain;

namespace WatchState.Backends.Plex;

/// <summary>
/// Turns one connection's notifications into observations of the backend's user and of the other identities'
/// users. A <c>playing</c> notification names only a session key and an item, so the user comes from
/// <c>/status/sessions</c> (remembered per session); the item is read as the session's user, with that user's
/// token (remembered per user and item), as the owner's token sees the owner's play state. Positions are at most one
/// per user and item every <see cref="Quiet"/> unless the player's state changes; a stop or a processed timeline entry
/// re-reads the item so what is yielded is the server's own state of it.
/// </summary>
/// <param name="sessions">Reads <c>/status/sessions</c> with the token the socket uses (the owner's when there is one).</param>
/// <param name="itemsOf">
/// Reads items as a user: null is the backend's own user; another user id gives a reader with that user's token.
/// </param>
/// <param name="users">The account ids the backend's user plays under; empty when unknown (every visible session).</param>
/// <param name="others">
/// Other identities' users on this server: their events carry <see cref="LiveEvent.UserId"/> so they land in their
/// identity. A timeline entry names no user, so it is re-read for the backend's user only.
/// </param>
internal sealed partial class PlexLiveTranslator(
    string backend,
    PlexApi sessions,
    Func<string?, PlexWriter> itemsOf,
    IReadOnlySet<string> users,
    IReadOnlySet<string> others,
    TimeProvider time,
    ILogger logger)
{
    public PlexLiveTranslator(string backend, PlexApi sessions, PlexWriter items, IReadOnlySet<string> users, TimeProvider time, ILogger logger)
        : this(backend, sessions, _ => items, users, new HashSet<string>(StringComparer.Ordinal), time, logger)
    {
    }

    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(10);

    /// <summary>A session the listing did not show yet is looked up again after this, not on every frame.</summary>
    private static readonly TimeSpan RefreshGap = TimeSpan.FromSeconds(2);

    private const int LibraryMovie = 1;
    private const int LibraryEpisode = 4;
    private const int Processed = 5;
    private const string LibraryIdentifier = "com.plexapp.plugins.library";

    private readonly Dictionary<string, string?> _userOfSession = new(StringComparer.Ordinal);
    // A multi-episode file is one item with one observation per episode.
    private readonly Dictionary<string, IReadOnlyList<Observation>> _itemByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string State, DateTimeOffset At)> _lastByKey = new(StringComparer.Ordinal);
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;

    /// <summary>What one frame means for the backend's user; garbage and foreign events give nothing.</summary>
    public async Task<IReadOnlyList<LiveEvent>> HandleAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        PlexNotification notification;
        try
        {
            notification = PlexNotification.Parse(frame);
        }
        catch (JsonException e)
        {
            LogGarbage(logger, backend, frame.Length, e.Message);
            return [];
        }

        try
        {
            return notification.Type switch
            {
                PlexNotification.PlayingType => await PlayingAsync(notification.Playing, cancellationToken),
                PlexNotification.TimelineType => await TimelineAsync(notification.Timeline, cancellationToken),
                _ => [],
            };
        }
        catch (BackendException e)
        {
            // The socket still works; the next notification about the item tries again.
            LogLookupFailed(logger, backend, notification.Type, e.Message);
            return [];
        }
    }

    private async Task<IReadOnlyList<LiveEvent>> PlayingAsync(IReadOnlyList<PlexPlaySessionState> reports, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var positions = new List<(string? User, PlexPlaySessionState Report)>();
        var stopped = new List<(string? User, string Key)>();
        foreach (var report in reports)
        {
            if (report.State == "stopped")
            {
                // The session is gone from the listing by now: a stop of an unknown session is re-read as the
                // backend's user anyway, as reading the backend's own state of an item is harmless.
                _userOfSession.Remove(report.SessionKey, out var user);
                var of = user is null ? null : Tag(user);
                _lastByKey.Remove(CacheKey(of, report.RatingKey));
                if (user is null || IsOurs(user))
                {
                    stopped.Add((of, report.RatingKey));
                }

                continue;
            }

            if (await UserOfAsync(report.SessionKey, now, cancellationToken) is not { } owner || !IsOurs(owner))
            {
                continue;
            }

            var tag = Tag(owner);
            var key = CacheKey(tag, report.RatingKey);
            if (_lastByKey.TryGetValue(key, out var last) && last.State == report.State && now - last.At < Quiet)
            {
                continue;
            }

            _lastByKey[key] = (report.State, now);
            positions.Add((tag, report));
        }

        var events = new List<LiveEvent>(2);
        foreach (var group in positions.GroupBy(p => p.User))
        {
            await CacheAsync(group.Key, group.Select(p => p.Report.RatingKey), cancellationToken);
            var live = group
                .SelectMany(p => _itemByKey.GetValueOrDefault(CacheKey(group.Key, p.Report.RatingKey), [])
                    .Select(item => Live(item, p.Report.ViewOffset, now)))
                .ToList();
            events.Add(new LiveEvent(PlexNotification.PlayingType, live) { UserId = group.Key });
        }

        foreach (var group in stopped.GroupBy(p => p.User))
        {
            var read = await ReadAsync(group.Key, [.. group.Select(p => p.Key)], cancellationToken);
            events.Add(new LiveEvent("stopped", read) { UserId = group.Key });
        }

        return events;
    }

    private async Task<IReadOnlyList<LiveEvent>> TimelineAsync(IReadOnlyList<PlexTimelineEntry> entries, CancellationToken cancellationToken)
    {
        var changed = entries
            .Where(e => e.State == Processed && e.Type is LibraryMovie or LibraryEpisode && e.Identifier is null or LibraryIdentifier)
            .Select(e => e.ItemId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return changed.Count == 0 ? [] : [new LiveEvent(PlexNotification.TimelineType, await ReadAsync(null, changed, cancellationToken))];
    }

    /// <summary>The items as the server has them now, for the listing rules (an unplay needs proof there).</summary>
    private async Task<IReadOnlyList<Observation>> ReadAsync(string? user, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var read = await itemsOf(user).GetItemsAsync(keys, cancellationToken);

        // Only refreshed, not added: a library scan's timeline entries must not fill the cache.
        Remember(user, [.. read.Where(o => _itemByKey.ContainsKey(CacheKey(user, o.RemoteId)))]);
        return [.. read.Select(o => o with { Kind = ObservationKind.Import })];
    }

    private async Task CacheAsync(string? user, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var missing = keys.Where(k => !_itemByKey.ContainsKey(CacheKey(user, k))).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            Remember(user, await itemsOf(user).GetItemsAsync(missing, cancellationToken));
        }
    }

    private void Remember(string? user, IReadOnlyList<Observation> read)
    {
        foreach (var item in read.GroupBy(o => o.RemoteId, StringComparer.Ordinal))
        {
            _itemByKey[CacheKey(user, item.Key)] = [.. item];
        }
    }

    /// <summary>Cached per user: an item's played state differs between users.</summary>
    private static string CacheKey(string? user, string ratingKey) => user is null ? ratingKey : user + "\n" + ratingKey;

    /// <summary>
    /// A position happening now: its time is the receive time, not the item's last view (which would make it
    /// look older than the position it replaces). It never flips watched (the reconciler's rule for Live).
    /// </summary>
    private static Observation Live(Observation item, long viewOffset, DateTimeOffset now) => item with
    {
        Kind = ObservationKind.Live,
        ProgressMs = Math.Max(0, viewOffset),
        PlayedAt = item.Played ? item.PlayedAt : null,
        ReceivedAt = now,
    };

    private async Task<string?> UserOfAsync(string sessionKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_userOfSession.TryGetValue(sessionKey, out var user) || now - _lastRefresh < RefreshGap)
        {
            return user;
        }

        _lastRefresh = now;
        var listing = await sessions.GetAsync(PlexPaths.Sessions, cancellationToken);
        foreach (var session in listing.Metadata ?? [])
        {
            if (!string.IsNullOrEmpty(session.SessionKey))
            {
                _userOfSession[session.SessionKey] = session.User?.Id ?? "";
            }
        }

        return _userOfSession.GetValueOrDefault(sessionKey);
    }

    private bool IsOurs(string user) => users.Count == 0 || users.Contains(user) || others.Contains(user);

    /// <summary>The <see cref="LiveEvent.UserId"/> of a session's events: null for the backend's own user.</summary>
    private string? Tag(string user) => others.Contains(user) && !users.Contains(user) ? user : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "live events of {Backend}: skipped a frame of {Bytes} bytes that is no notification: {Reason}")]
    private static partial void LogGarbage(ILogger logger, string backend, int bytes, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "live events of {Backend}: a {Type} notification could not be looked up: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string backend, string type, string reason);
}
