using WatchState.Domain;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Show ids by series id, for matching episodes (whose own ids are usually empty): filled from a library's series
/// listing, and topped up in bulk for episodes whose series was not in it.
/// </summary>
internal static class MediaBrowserShowIds
{
    public static Dictionary<string, IReadOnlyList<ExternalId>> Create() => new(StringComparer.Ordinal);

    public static void Add(IReadOnlyList<ItemDto>? series, Dictionary<string, IReadOnlyList<ExternalId>> showIds)
    {
        foreach (var item in series ?? [])
        {
            if (!string.IsNullOrEmpty(item.Id))
            {
                showIds[item.Id] = MediaBrowserMapper.MapIds(item.ProviderIds);
            }
        }
    }

    /// <summary>Fetches, <paramref name="idsPerRequest"/> at a time, the series of episodes not yet known.</summary>
    public static async Task AddMissingAsync(
        MediaBrowserApi api,
        string userId,
        IReadOnlyList<ItemDto> items,
        Dictionary<string, IReadOnlyList<ExternalId>> showIds,
        int idsPerRequest,
        CancellationToken cancellationToken)
    {
        var missing = items
            .Where(i => i.SeriesId is { Length: > 0 } && MediaBrowserMapper.TypeOf(i) == MediaType.Episode && !showIds.ContainsKey(i.SeriesId))
            .Select(i => i.SeriesId!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var batch in missing.Chunk(idsPerRequest))
        {
            var found = await api.GetAsync(MediaBrowserPaths.ItemsByIds(userId, batch), MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);
            Add(found.Items, showIds);

            // Remember the ones the server did not return, so later pages do not ask again.
            foreach (var id in batch)
            {
                showIds.TryAdd(id, []);
            }
        }
    }
}
