namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Changed items whose re-read after a <c>UserDataChanged</c> failed, to be read again with backoff. The message
/// itself is never sent again, so without this the change would wait for the next scheduled import. Kept by the
/// client across reconnections: a server that fails reads is often about to drop the socket too. Thread-safe.
/// </summary>
internal sealed class MediaBrowserLiveRetries
{
    /// <summary>The waits before each read again; after the last one fails the change is left to the next import.</summary>
    public static readonly IReadOnlyList<TimeSpan> Delays =
        [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    /// <summary>At most this many item ids wait; a server failing for long is left to the next import.</summary>
    public const int MaxWaitingIds = 10_000;

    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];

    /// <summary>Items of one user to read again at <see cref="Due"/>; <see cref="Failed"/> reads failed so far.</summary>
    internal sealed record Pending(string UserId, IReadOnlyList<string> ItemIds, int Failed, DateTimeOffset Due);

    /// <summary>When the next read again is due; null when nothing waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count == 0 ? null : _pending.Min(p => p.Due);
            }
        }
    }

    /// <summary>
    /// Schedules the items after their <paramref name="failed"/>th failed read; returns the wait, or null when out
    /// of attempts (or too much waits already) and the change is left to the next import.
    /// </summary>
    public TimeSpan? Schedule(string userId, IReadOnlyList<string> itemIds, int failed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (failed < 1 || failed > Delays.Count)
        {
            return null;
        }

        lock (_lock)
        {
            if (_pending.Sum(p => p.ItemIds.Count) + itemIds.Count > MaxWaitingIds)
            {
                return null;
            }

            var delay = Delays[failed - 1];
            _pending.Add(new Pending(userId, itemIds, failed, now + delay));
            return delay;
        }
    }

    /// <summary>Removes and returns every read that is due at <paramref name="now"/>.</summary>
    public IReadOnlyList<Pending> TakeDue(DateTimeOffset now)
    {
        lock (_lock)
        {
            var due = _pending.Where(p => p.Due <= now).ToList();
            _pending.RemoveAll(p => p.Due <= now);
            return due;
        }
    }
}
