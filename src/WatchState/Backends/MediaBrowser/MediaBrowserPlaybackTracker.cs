namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Turns the stream of <c>Sessions</c> messages (every 1.5 s while something plays) into positions worth
/// storing: one per item per <see cref="MinGap"/> while it plays, at once when it pauses, and the last one seen
/// when it stops.
/// </summary>
internal sealed class MediaBrowserPlaybackTracker(TimeProvider clock)
{
    public static readonly TimeSpan MinGap = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, Tracked> _items = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Positions to report now, and the items no longer playing.</summary>
    public (IReadOnlyList<PlayingNow> Report, IReadOnlyList<string> Gone) Update(IReadOnlyList<PlayingNow> playing)
    {
        ArgumentNullException.ThrowIfNull(playing);
        var now = clock.GetUtcNow();
        var report = new List<PlayingNow>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in playing)
        {
            if (!seen.Add(p.ItemId))
            {
                continue;
            }

            var tracked = _items.GetValueOrDefault(p.ItemId);
            var due = tracked is null
                || (p.PositionTicks != tracked.ReportedTicks
                    && (p.Paused || tracked.ReportedAt is not { } at || now - at >= MinGap));
            if (due && p.PositionTicks > 0)
            {
                report.Add(p);
                _items[p.ItemId] = new Tracked(p.PositionTicks, now, p.PositionTicks);
            }
            else
            {
                _items[p.ItemId] = (tracked ?? new Tracked(0, null, 0)) with { LatestTicks = p.PositionTicks };
            }
        }

        var gone = _items.Keys.Where(id => !seen.Contains(id)).ToList();
        foreach (var id in gone)
        {
            var tracked = _items[id];
            if (tracked.LatestTicks > 0 && tracked.LatestTicks != tracked.ReportedTicks)
            {
                report.Add(new PlayingNow(id, tracked.LatestTicks, Paused: false));
            }

            _items.Remove(id);
        }

        return (report, gone);
    }

    private sealed record Tracked(long ReportedTicks, DateTimeOffset? ReportedAt, long LatestTicks);
}
