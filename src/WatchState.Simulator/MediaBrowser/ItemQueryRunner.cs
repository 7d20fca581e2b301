namespace WatchState.Simulator.MediaBrowser;

/// <summary>One page of a query plus the number of all matches.</summary>
internal sealed record ItemPage(IReadOnlyList<ServerItem> Items, int Total);

/// <summary>
/// Runs an <see cref="ItemQuery"/> over a catalog snapshot: picks the pre-sorted scope, filters it in one pass
/// and keeps only the requested window, so a page costs one scan and no sort.
/// </summary>
internal static class ItemQueryRunner
{
    /// <summary>Null when the parent id names nothing.</summary>
    public static ItemPage? Run(ItemQuery q, SimServer server, Catalog catalog, SimUser? user)
    {
        var scope = Scope(q, catalog);
        if (scope is not null && q.Sort == SortKey.DatePlayed)
        {
            scope = ByDatePlayed(scope, q, server, user);
        }

        if (scope is null)
        {
            return null;
        }

        if (q.ExcludeEverything)
        {
            return new ItemPage([], 0);
        }

        if (CacheKey(q) is { } key)
        {
            // Filters that don't depend on user data give the same list every time: keep it per snapshot, so
            // paging through a big library costs a slice per page instead of a scan.
            var all = catalog.Cached(key, () => [.. scope.Where(i => Matches(q, server, catalog, user, i))]);
            var start = Math.Min(q.StartIndex, all.Length);
            var count = Math.Min(all.Length - start, q.Limit ?? int.MaxValue);
            return new ItemPage(new ArraySegment<ServerItem>(all, start, count), all.Length);
        }

        var page = new List<ServerItem>(Math.Min(q.Limit ?? 100, 1000));
        var end = q.Limit is { } limit ? (long)q.StartIndex + limit : long.MaxValue;
        var total = 0;
        foreach (var item in scope)
        {
            if (!Matches(q, server, catalog, user, item))
            {
                continue;
            }

            if (total >= q.StartIndex && total < end)
            {
                page.Add(item);
            }

            total++;
        }

        return new ItemPage(page, total);
    }

    private static string? CacheKey(ItemQuery q)
    {
        if (q.Ids is not null || q.SearchTerm is not null || q.IsPlayed is not null || q.IsResumable is not null
            || q.IsFavorite is not null || q.MinDateLastSaved is not null || q.Sort == SortKey.DatePlayed)
        {
            return null;
        }

        static string Set(HashSet<ItemKind>? kinds) =>
            kinds is null ? "*" : string.Join(',', kinds.Order());

        return string.Join('|', q.ParentId?.ToLowerInvariant() ?? "-", q.Recursive, q.Sort, q.Descending,
            Set(q.IncludeTypes), Set(q.ExcludeTypes), q.IsFolder?.ToString() ?? "-");
    }

    private static IEnumerable<ServerItem>? Scope(ItemQuery q, Catalog catalog)
    {
        if (q.Ids is { } ids)
        {
            if (!q.SortGiven)
            {
                // Without a sort the server answers in the order the ids were asked for.
                return ids.Select(catalog.Find).OfType<ServerItem>().Distinct();
            }

            var wanted = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
            return Ordered(catalog.All, q).Where(i => wanted.Contains(i.Id));
        }

        var parentId = q.ParentId;
        if (parentId is null || string.Equals(parentId, catalog.RootId, StringComparison.OrdinalIgnoreCase))
        {
            return q.Recursive ? Ordered(catalog.All, q) : catalog.Views;
        }

        var parent = catalog.Find(parentId);
        var library = catalog.LibraryIndexOf(parentId);
        if (library >= 0)
        {
            var folder = catalog.LibraryFolders[library];
            var all = Ordered(catalog.Descendants(folder)!, q);
            return q.Recursive ? all : all.Where(i => i.ParentId == folder);
        }

        if (parent is null)
        {
            return null;
        }

        if (!parent.IsFolder)
        {
            return [];
        }

        var below = Ordered(catalog.Descendants(parent.Id) ?? new ItemSet([]), q);
        return q.Recursive ? below : below.Where(i => i.ParentId == parent.Id);
    }

    /// <summary>Per user, so sorted per request: by LastPlayedDate (nulls lowest, as SQL sorts them), then name.</summary>
    private static ServerItem[] ByDatePlayed(IEnumerable<ServerItem> scope, ItemQuery q, SimServer server, SimUser? user)
    {
        var keyed = scope.Select(i => (Item: i, At: user is null ? null : server.UserData.Get(user.Id, i.Id).LastPlayedDate)).ToArray();
        Array.Sort(keyed, (a, b) =>
        {
            var c = Nullable.Compare(a.At, b.At);
            c = c != 0 ? c : string.CompareOrdinal(a.Item.SortName, b.Item.SortName);
            return c != 0 ? c : string.CompareOrdinal(a.Item.Id, b.Item.Id);
        });
        var items = keyed.Select(k => k.Item).ToArray();
        if (q.Descending)
        {
            Array.Reverse(items);
        }

        return items;
    }

    private static IEnumerable<ServerItem> Ordered(ItemSet set, ItemQuery q)
    {
        var items = set.Ordered(q.Sort);
        return q.Descending ? Enumerable.Reverse(items) : items;
    }

    private static bool Matches(ItemQuery q, SimServer server, Catalog catalog, SimUser? user, ServerItem item)
    {
        if ((q.IncludeTypes is { } include && !include.Contains(item.Kind))
            || (q.ExcludeTypes is { } exclude && exclude.Contains(item.Kind))
            || (q.IsFolder is { } folder && item.IsFolder != folder)
            || (q.SearchTerm is { } term && !item.Name.Contains(term, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (q.MinDateLastSaved is { } since && item.DateCreated < since
            && (user is null || !server.IsEmby || !(server.UserData.SavedAt(user.Id, item.Id) >= since)))
        {
            return false;
        }

        if (user is null || (q.IsPlayed is null && q.IsResumable is null && q.IsFavorite is null))
        {
            return true;
        }

        var state = server.UserData.Get(user.Id, item.Id);
        if (q.IsPlayed is { } played && IsPlayed(server, catalog, user, item, state) != played)
        {
            return false;
        }

        return (q.IsResumable is not { } resumable || (item.IsVideo && state.PositionTicks > 0) == resumable)
            && (q.IsFavorite is not { } favorite || state.IsFavorite == favorite);
    }

    private static bool IsPlayed(SimServer server, Catalog catalog, SimUser user, ServerItem item, UserItemState state)
    {
        if (item.Kind is not (ItemKind.Series or ItemKind.Season))
        {
            return state.Played;
        }

        var (played, total) = server.UserData.Count(user.Id, catalog.EpisodesUnder(item.Id));
        return total > 0 && played == total;
    }
}
