using WatchState.Backends;
using WatchState.Domain;
using WatchState.Ignoring;

namespace WatchState.Restore;

/// <summary>
/// Matches backup entries to the server's items and decides, per item, the one change (if any) that makes the server
/// say what the backup says. Pure: the server's state comes from a <see cref="RestoreIndex"/>.
/// </summary>
public sealed class RestorePlanner(string backend, RestoreIndex index)
{
    /// <summary>Resume points closer than this are the same (Plex keeps whole seconds).</summary>
    public const long ProgressToleranceMs = 1_000;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<RestoreChange> _changes = [];
    private readonly List<RestoreUnmatched> _unmatched = [];

    public RestoreCounts Counts { get; } = new();

    public IReadOnlyList<RestoreChange> Changes => _changes;

    public IReadOnlyList<RestoreUnmatched> Unmatched => _unmatched;

    public void Add(BackupRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var number = ++Counts.Entries;
        if (!record.IsEpisode && !string.Equals(record.Type, "movie", StringComparison.OrdinalIgnoreCase))
        {
            Miss(number, record, $"type '{record.Type}' is not restored (only movies and episodes)");
            return;
        }

        if (Match(record) is not ({ } item, { } matchedBy))
        {
            var keys = Keys(record);
            Miss(number, record, keys.Count == 0
                ? $"no external ids and no id on {backend} in the entry"
                : $"not on {backend}: no item with {string.Join(", ", keys.Take(3))}");
            return;
        }

        if (item.IgnoredBy is { } rule)
        {
            Miss(number, record, $"{item.Title} on {backend} is {IgnoreRules.Reason(rule)}");
            return;
        }

        // A multi-episode file is one server item for several entries: the first entry decides it.
        if (!_seen.Add(item.RemoteId))
        {
            Counts.Unchanged++;
            return;
        }

        var played = record.Watched != 0;
        var progress = played ? 0 : Math.Max(0, record.Progress ?? 0);
        var from = item.Played ? "played" : item.ProgressMs > 0 ? "resume " + ChangeText.Position(item.ProgressMs) : "unplayed";
        RemoteWrite? write = null;
        RemoteWrite? then = null;
        if (played && !item.Played)
        {
            var at = record.Updated is > 0 and var seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
            write = new RemoteWrite(item.RemoteId, RemoteWriteKind.MarkPlayed, PlayedAt: at, DurationMs: item.DurationMs);
            Counts.MarkPlayed++;
        }
        else if (!played && item.Played)
        {
            write = new RemoteWrite(item.RemoteId, RemoteWriteKind.MarkUnplayed, DurationMs: item.DurationMs);
            Counts.MarkUnplayed++;
            if (progress > 0)
            {
                then = new RemoteWrite(item.RemoteId, RemoteWriteKind.SetProgress, PositionMs: progress, DurationMs: item.DurationMs);
                Counts.Progress++;
            }
        }
        else if (!played && record.Progress is not null && Math.Abs(item.ProgressMs - progress) > ProgressToleranceMs)
        {
            // An entry without "progress" says nothing about one (our files and WatchState's omit it when there is
            // none, older WatchState files always): only an explicit 0 clears. Marking an unplayed item unplayed is
            // how every server clears a resume point and leaves it unplayed.
            write = progress > 0
                ? new RemoteWrite(item.RemoteId, RemoteWriteKind.SetProgress, PositionMs: progress, DurationMs: item.DurationMs)
                : new RemoteWrite(item.RemoteId, RemoteWriteKind.MarkUnplayed, DurationMs: item.DurationMs);
            Counts.Progress++;
        }

        if (write is null)
        {
            Counts.Unchanged++;
            return;
        }

        _changes.Add(new RestoreChange(number, record.Display, item.RemoteId, matchedBy, from, write, then, played, progress));
    }

    private (ServerItem Item, string MatchedBy)? Match(BackupRecord record)
    {
        if (record.RemoteIdOn(backend) is { } id && index.ById(id) is { } byId)
        {
            return (byId, "id");
        }

        return index.ByKeys(Keys(record)) is ({ } item, { } key) ? (item, key) : null;
    }

    /// <summary>The entry's matching keys, built as the server's items' are (<see cref="ItemKeys"/>).</summary>
    private static IReadOnlyList<string> Keys(BackupRecord record)
    {
        var episode = record.IsEpisode;
        return ItemKeys.For(new Observation
        {
            Backend = "backup",
            RemoteId = "",
            Type = episode ? MediaType.Episode : MediaType.Movie,
            Title = record.Title ?? "",
            Season = episode ? record.Season : null,
            Episode = episode ? record.Episode : null,
            Ids = Ids(record.Guids),
            ShowIds = episode ? Ids(record.Parent) : [],
            ReceivedAt = DateTimeOffset.UnixEpoch,
        });
    }

    private static List<ExternalId> Ids(Dictionary<string, System.Text.Json.JsonElement>? guids)
    {
        var ids = new List<ExternalId>();
        foreach (var (name, value) in guids ?? [])
        {
            var source = name.StartsWith("guid_", StringComparison.OrdinalIgnoreCase) ? name[5..] : name;
            if (ExternalIds.Create(source, BackupRecord.Text(value)) is { } id)
            {
                ids.Add(id);
            }
        }

        return [.. ExternalIds.Order(ids)];
    }

    private void Miss(int number, BackupRecord record, string reason)
    {
        Counts.Unmatched++;
        _unmatched.Add(new RestoreUnmatched(number, record.Display, reason));
    }
}
