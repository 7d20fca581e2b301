using System.Runtime.CompilerServices;
using WatchState.Domain;

namespace WatchState.Backends.Plex;

/// <summary>
/// Pages through one library section: the next page is already on its way while the caller works on the current
/// one, and each page is mapped to observations before it is handed out, so the wire objects can be collected.
/// </summary>
internal sealed partial class PlexLibraryReader(PlexApi api, PlexMapper mapper, int pageSize, TimeProvider time, ILogger logger)
{
    /// <param name="since">Null: every item. Otherwise only items viewed or updated after it (see <see cref="PlexPaths.ChangedFilters"/>).</param>
    public async IAsyncEnumerable<ItemPage> ReadAsync(Library library, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var type = library.Kind switch
        {
            LibraryKind.Movies => PlexPaths.MovieType,
            LibraryKind.Shows => PlexPaths.EpisodeType,
            _ => 0,
        };
        if (type == 0)
        {
            yield break;
        }

        var shows = new ShowIds(this, library.Id, type);
        if (since is not { } after)
        {
            await foreach (var page in ReadListingAsync(library, type, string.Empty, shows, seen: null, eagerShows: true, cancellationToken))
            {
                yield return page;
            }

            yield break;
        }

        // Plex filters are ANDed, so "viewed or updated since" is two listings; an item in both is read once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var filter in PlexPaths.ChangedFilters(after))
        {
            await foreach (var page in ReadListingAsync(library, type, filter, shows, seen, eagerShows: false, cancellationToken))
            {
                yield return page;
            }
        }
    }

    private async IAsyncEnumerable<ItemPage> ReadListingAsync(
        Library library,
        int type,
        string filter,
        ShowIds shows,
        HashSet<string>? seen,
        bool eagerShows,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<PlexPage>? next = null;
        var start = 0;
        try
        {
            next = FetchPageAsync(library.Id, type, filter, 0, prefetch.Token);

            // Episodes carry only their show's Plex guid; one listing of the section's shows, read while the first
            // page is on its way, gives every show's external ids instead of one lookup per episode. A change
            // listing usually has no episodes at all, so there the shows are read only when one turns up.
            if (eagerShows)
            {
                await shows.GetAsync(cancellationToken);
            }

            while (next is not null)
            {
                var page = await next;
                next = null;
                var items = page.Container.Metadata ?? [];
                var total = page.Total;

                // Continue from what the server actually returned: it may cap the size below what we asked for. A
                // full page means more may follow even when the total says otherwise: a total that is too low must
                // not end the listing early (an empty page ends it).
                var nextStart = start + items.Count;
                if (items.Count > 0 && (nextStart < total || items.Count >= pageSize))
                {
                    next = FetchPageAsync(library.Id, type, filter, nextStart, prefetch.Token);
                }

                if (items.Count == 0 && start > 0)
                {
                    // The empty page after a full one that ends the listing: nothing to hand out.
                    break;
                }

                if (seen is not null)
                {
                    items = [.. items.Where(i => i.RatingKey is null || seen.Add(i.RatingKey))];
                }

                var showIds = items.Count > 0 ? await shows.GetAsync(cancellationToken) : ShowIds.None;
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

    private Task<PlexPage> FetchPageAsync(string sectionId, int type, string filter, int start, CancellationToken cancellationToken) =>
        api.GetPageAsync(PlexPaths.SectionPage(sectionId, type, start, pageSize) + filter, (start, pageSize), cancellationToken);

    /// <summary>The external ids of every show in the section by ratingKey, read page by page.</summary>
    private async Task<Dictionary<string, IReadOnlyList<ExternalId>>> LoadShowsAsync(string sectionId, CancellationToken cancellationToken)
    {
        var showIds = new Dictionary<string, IReadOnlyList<ExternalId>>(StringComparer.Ordinal);
        var start = 0;
        while (true)
        {
            var page = await FetchPageAsync(sectionId, PlexPaths.ShowType, string.Empty, start, cancellationToken);
            var shows = page.Container.Metadata ?? [];
            foreach (var show in shows)
            {
                if (!string.IsNullOrEmpty(show.RatingKey))
                {
                    showIds[show.RatingKey] = PlexMapper.MapIds(show);
                }
            }

            start += shows.Count;
            if (shows.Count == 0 || start >= page.Total)
            {
                return showIds;
            }
        }
    }

    /// <summary>A section's show ids, read once, on first need (movie sections have none).</summary>
    private sealed class ShowIds(PlexLibraryReader reader, string sectionId, int type)
    {
        public static readonly Dictionary<string, IReadOnlyList<ExternalId>> None = new(StringComparer.Ordinal);

        private Dictionary<string, IReadOnlyList<ExternalId>>? _loaded;

        public async Task<Dictionary<string, IReadOnlyList<ExternalId>>> GetAsync(CancellationToken cancellationToken) =>
            type != PlexPaths.EpisodeType ? None : _loaded ??= await reader.LoadShowsAsync(sectionId, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "{Backend}: read items {From}-{To} of {Total} in library {Library} ({Skipped} skipped)")]
        public static partial void PageRead(ILogger logger, string backend, string library, int from, int to, int total, int skipped);
    }
}
