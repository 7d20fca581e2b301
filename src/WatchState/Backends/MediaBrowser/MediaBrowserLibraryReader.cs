using System.Runtime.CompilerServices;
using WatchState.Domain;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Pages through one library: the next page is already on its way while the caller works on the current one,
/// and each page is mapped to observations before it is handed out, so the wire objects can be collected.
/// </summary>
internal sealed partial class MediaBrowserLibraryReader(
    MediaBrowserApi api,
    MediaBrowserMapper mapper,
    int pageSize,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Ids per request when fetching series by id; keeps URLs well under common length limits.</summary>
    private const int IdsPerRequest = 50;

    /// <param name="since">Null: every item. Otherwise only items saved (for this user) since then.</param>
    public async IAsyncEnumerable<ItemPage> ReadAsync(
        string userId,
        Library library,
        DateTimeOffset? since,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (library.Kind == LibraryKind.Unsupported)
        {
            yield break;
        }

        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ItemsResultDto>? next = null;
        var start = 0;
        try
        {
            next = FetchPageAsync(userId, library.Id, since, 0, prefetch.Token);

            // Episodes on real servers carry no show ids ("ProviderIds": {}); one listing of the library's series,
            // read while the first page is on its way, gives them all instead of one lookup per episode. A change
            // listing has few episodes, so there only their own series are fetched, by id.
            var showIds = library.Kind == LibraryKind.Movies || since is not null
                ? new Dictionary<string, IReadOnlyList<ExternalId>>(StringComparer.Ordinal)
                : await LoadSeriesAsync(userId, library, cancellationToken);

            while (next is not null)
            {
                var page = await next;
                next = null;
                var items = page.Items ?? [];
                var total = page.TotalRecordCount;

                // Continue from what the server actually returned: it may cap Limit below what we asked for.
                var nextStart = start + items.Count;
                if (items.Count > 0 && nextStart < total)
                {
                    next = FetchPageAsync(userId, library.Id, since, nextStart, prefetch.Token);
                }

                await AddMissingSeriesAsync(userId, items, showIds, cancellationToken);
                var mapped = mapper.MapPage(items, total, showIds, time.GetUtcNow());
                Log.PageRead(logger, api.Backend, library.Name, start, nextStart, total, mapped.Skipped.Count);
                start = nextStart;
                yield return mapped;
            }
        }
        finally
        {
            if (next is not null)
            {
                // The caller stopped early or a request failed: stop the prefetch; its outcome no longer matters.
                await prefetch.CancelAsync();
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private Task<ItemsResultDto> FetchPageAsync(string userId, string libraryId, DateTimeOffset? since, int startIndex, CancellationToken cancellationToken) =>
        api.GetAsync(MediaBrowserPaths.ItemsPage(userId, libraryId, startIndex, pageSize, since), MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);

    private async Task<Dictionary<string, IReadOnlyList<ExternalId>>> LoadSeriesAsync(string userId, Library library, CancellationToken cancellationToken)
    {
        var series = await api.GetAsync(MediaBrowserPaths.Series(userId, library.Id), MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);
        var showIds = new Dictionary<string, IReadOnlyList<ExternalId>>(StringComparer.Ordinal);
        AddSeries(series.Items, showIds);
        return showIds;
    }

    /// <summary>Fetches, in batches, the series of episodes whose series the library listing did not include.</summary>
    private async Task AddMissingSeriesAsync(
        string userId,
        IReadOnlyList<ItemDto> items,
        Dictionary<string, IReadOnlyList<ExternalId>> showIds,
        CancellationToken cancellationToken)
    {
        var missing = items
            .Where(i => i.SeriesId is { Length: > 0 } && MediaBrowserMapper.TypeOf(i) == MediaType.Episode && !showIds.ContainsKey(i.SeriesId))
            .Select(i => i.SeriesId!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var batch in missing.Chunk(IdsPerRequest))
        {
            var found = await api.GetAsync(MediaBrowserPaths.ItemsByIds(userId, batch), MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);
            AddSeries(found.Items, showIds);

            // Remember the ones the server did not return, so later pages do not ask again.
            foreach (var id in batch)
            {
                showIds.TryAdd(id, []);
            }
        }
    }

    private static void AddSeries(IReadOnlyList<ItemDto>? series, Dictionary<string, IReadOnlyList<ExternalId>> showIds)
    {
        foreach (var item in series ?? [])
        {
            if (!string.IsNullOrEmpty(item.Id))
            {
                showIds[item.Id] = MediaBrowserMapper.MapIds(item.ProviderIds);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "{Backend}: read items {From}-{To} of {Total} in library {Library} ({Skipped} skipped)")]
        public static partial void PageRead(ILogger logger, string backend, string library, int from, int to, int total, int skipped);
    }
}
