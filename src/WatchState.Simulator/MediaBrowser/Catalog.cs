using System.Collections.Concurrent;

namespace WatchState.Simulator.MediaBrowser;

internal enum SortKey
{
    SortName,
    DateCreated,

    /// <summary>The asking user's LastPlayedDate (never played first when ascending), then SortName.</summary>
    DatePlayed,
}

/// <summary>Items of one scope, kept pre-sorted so a page never re-sorts the library.</summary>
internal sealed class ItemSet
{
    private static readonly Comparison<ServerItem> ByName = (a, b) =>
    {
        var c = string.CompareOrdinal(a.SortName, b.SortName);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    };

    private static readonly Comparison<ServerItem> ByDate = (a, b) =>
    {
        var c = a.DateCreated.CompareTo(b.DateCreated);
        return c != 0 ? c : ByName(a, b);
    };

    private readonly Lazy<ServerItem[]> _byDateCreated;

    public ItemSet(ServerItem[] bySortName)
    {
        BySortName = bySortName;
        _byDateCreated = new(() =>
        {
            var copy = (ServerItem[])bySortName.Clone();
            Array.Sort(copy, ByDate);
            return copy;
        });
    }

    public ServerItem[] BySortName { get; }

    public ServerItem[] Ordered(SortKey key) => key == SortKey.DateCreated ? _byDateCreated.Value : BySortName;

    public static ServerItem[] SortByName(IEnumerable<ServerItem> items)
    {
        var array = items.ToArray();
        Array.Sort(array, ByName);
        return array;
    }
}

/// <summary>
/// A consistent snapshot of everything the server holds. Immutable: a re-scan builds a new snapshot, so readers
/// never see a half-changed library.
/// </summary>
internal sealed class Catalog
{
    private const int MaxCachedQueries = 64;
    private readonly Dictionary<string, ServerItem> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemSet> _scopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServerItem[]> _episodesUnder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServerItem> _byLookup = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _childCount = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServerItem[]> _cache = new(StringComparer.Ordinal);

    private Catalog(string rootId, IReadOnlyList<ServerItem> views, IReadOnlyList<string> libraryFolders, ServerItem[] items)
    {
        RootId = rootId;
        Views = views;
        LibraryFolders = libraryFolders;
        Items = items;
        var sorted = ItemSet.SortByName(items);
        All = new ItemSet(sorted);
        foreach (var view in views)
        {
            _byId[view.Id] = view;
        }

        var groups = new Dictionary<string, List<ServerItem>>(StringComparer.Ordinal);
        foreach (var item in sorted)
        {
            _byId[item.Id] = item;
            _byLookup.TryAdd(item.LookupKey, item);
            Add(groups, views[item.Library].Id, item);
            Add(groups, item.SeriesId, item);
            Add(groups, item.SeasonId, item);
            _childCount[item.ParentId] = _childCount.GetValueOrDefault(item.ParentId) + 1;
        }

        foreach (var (scope, members) in groups)
        {
            _scopes[scope] = new ItemSet([.. members]);
            _episodesUnder[scope] = [.. members.Where(m => m.Kind == ItemKind.Episode)];
        }

        for (var i = 0; i < views.Count; i++)
        {
            _scopes.TryAdd(views[i].Id, new ItemSet([]));
            _scopes[libraryFolders[i]] = _scopes[views[i].Id];
            _childCount[views[i].Id] = _childCount.GetValueOrDefault(libraryFolders[i]);
        }
    }

    public string RootId { get; }

    public IReadOnlyList<ServerItem> Views { get; }

    /// <summary>Per library, the id its movies and series name as <c>ParentId</c>.</summary>
    public IReadOnlyList<string> LibraryFolders { get; }

    /// <summary>Every item except the views, in no particular order.</summary>
    public ServerItem[] Items { get; }

    public ItemSet All { get; }

    public static Catalog Create(string rootId, IReadOnlyList<ServerItem> views, IReadOnlyList<string> libraryFolders, ServerItem[] items) =>
        new(rootId, views, libraryFolders, items);

    public ServerItem? Find(string id) => _byId.GetValueOrDefault(Normalize(id));

    /// <summary>A query result remembered for this snapshot (a re-scan starts a new snapshot and so a new cache).</summary>
    public ServerItem[] Cached(string key, Func<ServerItem[]> compute)
    {
        if (_cache.TryGetValue(key, out var hit))
        {
            return hit;
        }

        // Bounded: a client cycling through many distinct queries must not grow memory without end.
        if (_cache.Count >= MaxCachedQueries)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(key, _ => compute());
    }

    public ServerItem? Lookup(string key) => _byLookup.GetValueOrDefault(key);

    /// <summary>Everything below a view, library folder, series or season; null when the id is none of those.</summary>
    public ItemSet? Descendants(string folderId) => _scopes.GetValueOrDefault(Normalize(folderId));

    public IReadOnlyList<ServerItem> EpisodesUnder(string folderId) =>
        _episodesUnder.TryGetValue(folderId, out var episodes) ? episodes : [];

    public int ChildCount(string folderId) => _childCount.GetValueOrDefault(folderId);

    /// <summary>The library folder id when <paramref name="id"/> names a view or a library folder.</summary>
    public int LibraryIndexOf(string id)
    {
        for (var i = 0; i < Views.Count; i++)
        {
            if (string.Equals(Views[i].Id, id, StringComparison.OrdinalIgnoreCase)
                || string.Equals(LibraryFolders[i], id, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public Catalog Replace(ServerItem old, ServerItem updated)
    {
        var items = (ServerItem[])Items.Clone();
        var index = Array.IndexOf(items, old);
        if (index < 0)
        {
            throw new InvalidOperationException("the item is not in this snapshot");
        }

        items[index] = updated;
        return new Catalog(RootId, Views, LibraryFolders, items);
    }

    /// <summary>Ids are stored lower-case (hex or digits); requests may spell them in any case.</summary>
    private static string Normalize(string id)
    {
        foreach (var c in id)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return id.ToLowerInvariant();
            }
        }

        return id;
    }

    private static void Add(Dictionary<string, List<ServerItem>> groups, string? key, ServerItem item)
    {
        if (key is null)
        {
            return;
        }

        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }

        list.Add(item);
    }
}
