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

    public async IAsyncEnumerable<ItemPage> ReadAsync(
        string userId,
        Library library,
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
            next = FetchPageAsync(userId, library.Id, 0, prefetch.Token);

            // Episodes on real servers carry no show ids ("ProviderIds": {}); one listing of the library's series,
            // read while the first page is on its way, gives them all instead of one lookup per episode.
            var showIds = library.Kind == LibraryKind.Movies
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
                    next = FetchPageAsync(userId, library.Id, nextStart, prefetch.Token);
                }

                await MediaBrowserShowIds.AddMissingAsync(api, userId, items, showIds, IdsPerRequest, cancellationToken);
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

    private Task<ItemsResultDto> FetchPageAsync(string userId, string libraryId, int startIndex, CancellationToken cancellationToken) =>
        api.GetAsync(MediaBrowserPaths.ItemsPage(userId, libraryId, startIndex, pageSize), MediaBrowserJsonContext.Default.ItemsResultDto, cancellationToken);

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
