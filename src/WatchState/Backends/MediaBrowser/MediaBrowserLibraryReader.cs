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

    /// <summary>Page size of the recently-played listing: a routine run reads one such page per library.</summary>
    private const int PlayedPageSize = 100;

    /// <param name="since">
    /// Null: every item. Otherwise the items saved since then (<c>MinDateLastSavedForUser</c>) plus those the user
    /// played since then. Jellyfin's filter compares the item's own save date, which a play does not change, so
    /// the plays come from a second listing sorted by the user's last played date, read only down to
    /// <paramref name="since"/>.
    /// </param>
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

        if (since is not { } after)
        {
            var listing = ReadListingAsync(userId, library, pageSize, (start, ct) => FetchPageAsync(MediaBrowserPaths.ItemsPage(userId, library.Id, start, pageSize), ct), null, null, cancellationToken);
            await foreach (var page in listing)
            {
                yield return page;
            }

            yield break;
        }

        // A change listing has few episodes, so only their own series are fetched, by id; an item in both
        // listings is read once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var saved = ReadListingAsync(userId, library, pageSize, (start, ct) => FetchPageAsync(MediaBrowserPaths.ItemsPage(userId, library.Id, start, pageSize, after), ct), seen, null, cancellationToken);
        await foreach (var page in saved)
        {
            yield return page;
        }

        var played = ReadListingAsync(userId, library, PlayedPageSize, (start, ct) => FetchPageAsync(MediaBrowserPaths.RecentlyPlayedPage(userId, library.Id, start, PlayedPageSize), ct), seen, after, cancellationToken);
        await foreach (var page in played)
        {
            yield return page;
        }
    }

    /// <param name="limit">The page size asked for.</param>
    /// <param name="seen">Ids already read in this run (null: a full read, which also reads every series first).</param>
    /// <param name="playedSince">Set for the recently-played listing: keep items played since then, stop at the first older one.</param>
    private async IAsyncEnumerable<ItemPage> ReadListingAsync(
        string userId,
        Library library,
        int limit,
        Func<int, CancellationToken, Task<ItemsResultDto>> fetch,
        HashSet<string>? seen,
        DateTimeOffset? playedSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ItemsResultDto>? next = null;
        var start = 0;
        var kept = 0;
        try
        {
            next = fetch(0, prefetch.Token);

            // Episodes on real servers carry no show ids ("ProviderIds": {}); one listing of the library's series,
            // read while the first page is on its way, gives them all instead of one lookup per episode.
            var showIds = library.Kind == LibraryKind.Movies || seen is not null
                ? new Dictionary<string, IReadOnlyList<ExternalId>>(StringComparer.Ordinal)
                : await LoadSeriesAsync(userId, library, cancellationToken);

            while (next is not null)
            {
                var page = await next;
                next = null;
                IReadOnlyList<ItemDto> items = page.Items ?? [];
                var total = page.TotalRecordCount;
                var nextStart = start + items.Count;
                // A full page means more may follow even when the total says otherwise: a total that is too low must
                // not end the listing early (an empty page ends it).
                var more = items.Count > 0 && (nextStart < total || items.Count >= limit);
                if (playedSince is { } played)
                {
                    // Newest first: the first item played before the cursor ends the listing (no prefetch here, so
                    // a routine run costs one request).
                    var recent = items.TakeWhile(i => i.UserData?.LastPlayedDate >= played).ToList();
                    more &= recent.Count == items.Count;
                    items = recent;
                }

                // Continue from what the server actually returned: it may cap Limit below what we asked for.
                if (more)
                {
                    next = fetch(nextStart, prefetch.Token);
                }

                if (items.Count == 0 && start > 0)
                {
                    // The empty page after a full one that ends the listing: nothing to hand out.
                    break;
                }

                if (seen is not null)
                {
                    items = [.. items.Where(i => i.Id is null || seen.Add(i.Id))];
                }

                kept += items.Count;
                await MediaBrowserShowIds.AddMissingAsync(api, userId, items, showIds, IdsPerRequest, cancellationToken);
                var mapped = mapper.MapPage(items, playedSince is null ? total : kept, showIds, time.GetUtcNow());
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

    private Task<ItemsResultDto> FetchPageAsync(string path, CancellationToken cancellationToken) =>
        api.GetAsync(path, MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);

    private async Task<Dictionary<string, IReadOnlyList<ExternalId>>> LoadSeriesAsync(string userId, Library library, CancellationToken cancellationToken)
    {
        var series = await api.GetAsync(MediaBrowserPaths.Series(userId, library.Id), MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);
        var showIds = MediaBrowserShowIds.Create();
        MediaBrowserShowIds.Add(series.Items, showIds);
        return showIds;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "{Backend}: read items {From}-{To} of {Total} in library {Library} ({Skipped} skipped)")]
        public static partial void PageRead(ILogger logger, string backend, string library, int from, int to, int total, int skipped);
    }
}
