using WatchState.Domain;
using WatchState.Ignoring;

namespace WatchState.Restore;

/// <summary>One item of the target server as its listing showed it: enough to match a backup entry and compare.</summary>
/// <param name="IgnoredBy">The item rule that takes it out of sync (config/ignore.yaml): never written to by a restore.</param>
public sealed record ServerItem(string RemoteId, string Title, bool Played, long ProgressMs, long? DurationMs, IgnoreRule? IgnoredBy = null);

/// <summary>
/// The target server's items by their id there and by every matching key (<see cref="ItemKeys"/>), built page by page
/// from one listing. Only small rows are kept, never the observations.
/// </summary>
public sealed class RestoreIndex(IgnoreRules rules)
{
    public RestoreIndex()
        : this(IgnoreRules.None)
    {
    }

    private readonly Dictionary<string, ServerItem> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServerItem> _byKey = new(StringComparer.Ordinal);

    /// <summary>Items listed (the extra episodes of a multi-episode file count once, with their file).</summary>
    public int Count => _byId.Count;

    public void Add(IEnumerable<Observation> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var o in page)
        {
            var title = o.Type == MediaType.Episode
                ? FormattableString.Invariant($"{o.SeriesTitle ?? o.Title} S{o.Season ?? 0:00}E{(o.Part > 0 ? o.Part : o.Episode ?? 0):00}")
                : o.Title;
            var item = new ServerItem(o.RemoteId, title, o.Played, o.Played ? 0 : o.ProgressMs, o.DurationMs, rules.ItemRuleFor(o));
            if (o.Part == 0)
            {
                _byId[o.RemoteId] = item;
            }

            foreach (var key in ItemKeys.For(o))
            {
                // The first claim wins, as in the database: two items with one key are a conflict, not a choice.
                _byKey.TryAdd(key, item);
            }
        }
    }

    public ServerItem? ById(string remoteId) => _byId.GetValueOrDefault(remoteId);

    /// <summary>The item under the first of <paramref name="keys"/> that is known, and that key.</summary>
    public (ServerItem Item, string Key)? ByKeys(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (_byKey.TryGetValue(key, out var item))
            {
                return (item, key);
            }
        }

        return null;
    }
}
