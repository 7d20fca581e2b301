using WatchState.Domain;

namespace WatchState.Migration;

/// <summary>A WatchState row as it becomes ours: the item, its merged state, and one observation per backend view.</summary>
/// <param name="Item">The item's fields and ids (its backend and remote id are those of the first view, if any).</param>
/// <param name="Views">What each configured backend reported, as our import would have observed it.</param>
/// <param name="UnknownBackends">Backends named in the row's metadata that the identity does not configure.</param>
internal sealed record MappedRow(
    Observation Item,
    IReadOnlyList<string> Keys,
    ItemState State,
    IReadOnlyList<Observation> Views,
    IReadOnlyList<string> UnknownBackends,
    IReadOnlyList<string> ViewsWithoutId);

/// <summary>
/// Maps WatchState's rows to our items. Pure: the same row always gives the same result.
/// <list type="bullet">
/// <item>ids: <c>guids</c> become the item's own match keys and <c>parent</c> the show's, through
/// <see cref="ItemKeys"/>, exactly as an import of the same server item would.</item>
/// <item>each <c>metadata</c> entry of a configured backend becomes that backend's view: remote id, watched,
/// played_at, added_at, progress (WatchState keeps no play count; watched counts as one play).</item>
/// <item>the merged state is WatchState's own decision (<c>watched</c>, <c>updated</c>), not ours re-made from the
/// views, so an unplay WatchState accepted stays an unplay.</item>
/// </list>
/// </summary>
internal static class StateRowMapper
{
    public static MappedRow? Map(StateRow row, IReadOnlySet<string> backends, DateTimeOffset now)
    {
        if (row.Type is not { } type)
        {
            return null;
        }

        var unknown = new List<string>();
        var withoutId = new List<string>();
        var views = new List<(BackendMetadata Meta, Observation Observation)>();
        foreach (var meta in row.Metadata)
        {
            if (!backends.Contains(meta.Backend))
            {
                unknown.Add(meta.Backend);
                continue;
            }

            if (meta.RemoteId is null)
            {
                withoutId.Add(meta.Backend);
                continue;
            }

            views.Add((meta, Observe(row, type, meta, now)));
        }

        var first = views.Count > 0 ? views[0].Observation : null;
        var episodeTitle = row.Metadata.Select(m => m.EpisodeTitle).FirstOrDefault(t => t is not null);
        var item = first ?? Describe(row, type, episodeTitle, now);
        return new MappedRow(item, ItemKeys.For(item), State(row, views.Select(v => v.Meta).ToList()), [.. views.Select(v => v.Observation)], unknown, withoutId);
    }

    private static Observation Observe(StateRow row, MediaType type, BackendMetadata meta, DateTimeOffset now) =>
        Describe(row, type, meta.EpisodeTitle, now) with
        {
            Backend = meta.Backend,
            RemoteId = meta.RemoteId!,
            Played = meta.Watched,
            PlayedAt = meta.PlayedAt,
            AddedAt = meta.AddedAt,
            ProgressMs = meta.ProgressMs,
            PlayCount = meta.PlayCount ?? (meta.Watched ? 1 : 0),
        };

    /// <summary>The item as the row describes it, seen by no backend yet.</summary>
    private static Observation Describe(StateRow row, MediaType type, string? episodeTitle, DateTimeOffset now)
    {
        var episode = type == MediaType.Episode;
        return new Observation
        {
            Backend = "",
            RemoteId = "",
            Type = type,
            Title = episode ? episodeTitle ?? row.Title : row.Title,
            Year = row.Year,
            SeriesTitle = episode ? row.Title : null,
            Season = episode ? row.Season : null,
            Episode = episode ? row.Episode : null,
            Ids = row.Ids,
            ShowIds = episode ? row.ShowIds : [],
            ReceivedAt = now,
        };
    }

    /// <summary>
    /// WatchState's merged state in our terms. Watched: since the newest play a backend reports (WatchState's
    /// <c>updated</c> when none has a date). Unwatched: since <c>updated</c> when a backend still shows it played (WatchState
    /// decided an unplay then), otherwise "never seen played" so that any real play wins. The resume point is the
    /// newest one an unwatched backend view holds, as WatchState's export picks it.
    /// </summary>
    internal static ItemState State(StateRow row, IReadOnlyList<BackendMetadata> views)
    {
        var updated = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(row.Updated, 0, 253_402_300_799));
        if (row.Watched)
        {
            var playedAt = views.Where(v => v.Watched).Select(v => v.PlayedAt).Max();
            return new ItemState(true, playedAt ?? updated, 0, null);
        }

        var stateAt = views.Any(v => v.Watched) ? updated : ItemState.UnknownTime;
        var resume = views.Where(v => !v.Watched && v.ProgressMs > 0)
            .OrderByDescending(v => v.PlayedAt ?? DateTimeOffset.MinValue)
            .FirstOrDefault();
        return resume is null
            ? new ItemState(false, stateAt, 0, null)
            : new ItemState(false, stateAt, resume.ProgressMs, resume.PlayedAt ?? updated);
    }
}
