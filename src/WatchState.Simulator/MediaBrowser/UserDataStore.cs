namespace WatchState.Simulator.MediaBrowser;

/// <summary>One user's data for one item, as Jellyfin's UserData table holds it.</summary>
internal readonly record struct UserItemState(
    bool Played,
    int PlayCount,
    DateTime? LastPlayedDate,
    long PositionTicks,
    bool IsFavorite);

/// <summary>
/// Per-user play state keyed by item id; users never see each other's rows. Each row also remembers when it was
/// last saved, which is what <c>MinDateLastSavedForUser</c> filters on.
/// </summary>
internal sealed class UserDataStore(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, UserItemState>> _byUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string User, string Item), DateTime> _savedAt = new(UserItemComparer.Instance);

    /// <summary>Raised after a row was saved (user id, item id), outside the lock, for the web socket.</summary>
    public event Action<string, string>? Changed;

    public UserItemState Get(string userId, string itemId)
    {
        lock (_gate)
        {
            return _byUser.TryGetValue(userId, out var items) && items.TryGetValue(itemId, out var state) ? state : default;
        }
    }

    /// <summary>When this user's data for the item was last saved; null when it never was.</summary>
    public DateTime? SavedAt(string userId, string itemId)
    {
        lock (_gate)
        {
            return _savedAt.TryGetValue((userId, itemId), out var at) ? at : null;
        }
    }

    /// <summary>Played and total counts over <paramref name="episodes"/>, read under one lock.</summary>
    public (int Played, int Total) Count(string userId, IReadOnlyList<ServerItem> episodes)
    {
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var items))
            {
                return (0, episodes.Count);
            }

            var played = 0;
            foreach (var episode in episodes)
            {
                if (items.TryGetValue(episode.Id, out var state) && state.Played)
                {
                    played++;
                }
            }

            return (played, episodes.Count);
        }
    }

    /// <param name="savedAt">When the change was saved; default now.</param>
    public UserItemState Update(string userId, string itemId, Func<UserItemState, UserItemState> change, DateTime? savedAt = null)
    {
        UserItemState next;
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var items))
            {
                _byUser[userId] = items = new(StringComparer.OrdinalIgnoreCase);
            }

            next = change(items.GetValueOrDefault(itemId));
            items[itemId] = next;
            _savedAt[(userId, itemId)] = savedAt ?? clock.GetUtcNow().UtcDateTime;
        }

        Changed?.Invoke(userId, itemId);
        return next;
    }

    /// <summary>Drops every user's row for an item id that no longer exists.</summary>
    public void Forget(string itemId)
    {
        lock (_gate)
        {
            foreach (var items in _byUser.Values)
            {
                items.Remove(itemId);
            }

            foreach (var key in _savedAt.Keys.Where(k => string.Equals(k.Item, itemId, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                _savedAt.Remove(key);
            }
        }
    }
}

/// <summary>Ids are matched case-insensitively, as the server does.</summary>
internal sealed class UserItemComparer : IEqualityComparer<(string User, string Item)>
{
    public static readonly UserItemComparer Instance = new();

    public bool Equals((string User, string Item) x, (string User, string Item) y) =>
        string.Equals(x.User, y.User, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Item, y.Item, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode((string User, string Item) obj) =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.User), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item));
}

/// <summary>How Jellyfin changes user data (BaseItem.MarkPlayed / MarkUnplayed, UpdateUserItemData).</summary>
internal static class PlayStateRules
{
    public static UserItemState MarkPlayed(UserItemState s, DateTime? datePlayed, DateTime now) => s with
    {
        // The play count only moves when a date is given, but a played item always counts at least once.
        PlayCount = Math.Max(datePlayed.HasValue ? s.PlayCount + 1 : s.PlayCount, 1),
        PositionTicks = 0,
        LastPlayedDate = datePlayed ?? s.LastPlayedDate ?? now,
        Played = true,
    };

    public static UserItemState MarkUnplayed(UserItemState s) => s with
    {
        PlayCount = 0,
        PositionTicks = 0,
        LastPlayedDate = null,
        Played = false,
    };

    /// <summary>Only the supplied properties change (UpdateUserItemDataDto).</summary>
    public static UserItemState Apply(UserItemState s, UserDataUpdate u) => s with
    {
        Played = u.Played ?? s.Played,
        PlayCount = u.PlayCount ?? s.PlayCount,
        LastPlayedDate = u.LastPlayedDate ?? s.LastPlayedDate,
        PositionTicks = u.PlaybackPositionTicks ?? s.PositionTicks,
        IsFavorite = u.IsFavorite ?? s.IsFavorite,
    };
}

/// <summary>The fields of an UpdateUserItemDataDto body this simulator honours.</summary>
internal sealed record UserDataUpdate(
    bool? Played,
    int? PlayCount,
    DateTime? LastPlayedDate,
    long? PlaybackPositionTicks,
    bool? IsFavorite);
