using WatchState.Domain;

namespace WatchState.Backends.MediaBrowser;

/// <summary>Turns Jellyfin/Emby items into observations. Pure: no I/O, no clock.</summary>
internal sealed class MediaBrowserMapper(string backend, int maxEpisodeRange)
{
    private const long TicksPerMillisecond = 10_000;

    /// <summary>Key spellings vary between servers and plugins (<c>Imdb</c>, <c>IMDB</c>, <c>Tv Maze</c>); the domain parser normalises them.</summary>
    public static IReadOnlyList<ExternalId> MapIds(IReadOnlyDictionary<string, string?>? providerIds) =>
        providerIds is null || providerIds.Count == 0 ? [] : ExternalIds.FromProviderIds(providerIds);

    /// <summary>Maps one page; items of other types (seasons, trailers, …) are left out without a trace.</summary>
    /// <param name="showIds">The ids of each series by its id; episodes of an unknown series get no show ids.</param>
    public ItemPage MapPage(
        IReadOnlyList<ItemDto> items,
        int total,
        IReadOnlyDictionary<string, IReadOnlyList<ExternalId>> showIds,
        DateTimeOffset receivedAt)
    {
        var observations = new List<Observation>(items.Count);
        var skipped = new List<SkippedItem>();
        foreach (var item in items)
        {
            var type = TypeOf(item);
            if (type is null)
            {
                continue;
            }

            var title = item.Name ?? item.OriginalTitle;
            if (string.IsNullOrEmpty(item.Id) || string.IsNullOrEmpty(title))
            {
                skipped.Add(new SkippedItem(item.Id ?? string.Empty, title ?? string.Empty, string.IsNullOrEmpty(item.Id) ? "no Id" : "no Name"));
                continue;
            }

            var observation = Map(item, type.Value, title, showIds, receivedAt);
            observations.Add(observation);
            if (type == MediaType.Episode)
            {
                AddExtraEpisodes(item, observation, observations);
            }
        }

        return new ItemPage(observations, skipped, total);
    }

    public static MediaType? TypeOf(ItemDto item) => item.Type switch
    {
        _ when string.Equals(item.Type, "Movie", StringComparison.OrdinalIgnoreCase) => MediaType.Movie,
        _ when string.Equals(item.Type, "Episode", StringComparison.OrdinalIgnoreCase) => MediaType.Episode,
        _ => null,
    };

    private Observation Map(
        ItemDto item,
        MediaType type,
        string title,
        IReadOnlyDictionary<string, IReadOnlyList<ExternalId>> showIds,
        DateTimeOffset receivedAt)
    {
        var userData = item.UserData;
        var episode = type == MediaType.Episode;
        return new Observation
        {
            Backend = backend,
            RemoteId = item.Id!,
            Type = type,
            Title = title,
            Year = item.ProductionYear ?? item.PremiereDate?.Year,
            SeriesTitle = episode ? item.SeriesName : null,
            Season = episode ? item.ParentIndexNumber : null,
            Episode = episode ? item.IndexNumber : null,
            Ids = MapIds(item.ProviderIds),
            ShowIds = episode && item.SeriesId is { } seriesId && showIds.TryGetValue(seriesId, out var ids) ? ids : [],
            ShowRemoteId = episode ? item.SeriesId : null,
            Played = userData?.Played ?? false,
            PlayedAt = userData?.LastPlayedDate,
            AddedAt = item.DateCreated,
            ProgressMs = Math.Max(0, (userData?.PlaybackPositionTicks ?? 0) / TicksPerMillisecond),
            PlayCount = Math.Max(0, userData?.PlayCount ?? 0),
            DurationMs = item.RunTimeTicks is > 0 and var ticks ? ticks / TicksPerMillisecond : null,
            Kind = ObservationKind.Import,
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>
    /// A multi-episode file (S01E03-E04) is one item on the server but several episodes to us. Ranges wider than
    /// the cap are almost always bad metadata, so those stay a single episode.
    /// </summary>
    private void AddExtraEpisodes(ItemDto item, Observation first, List<Observation> into)
    {
        if (item.IndexNumber is not { } start || item.IndexNumberEnd is not { } end || end <= start)
        {
            return;
        }

        if ((long)end - start + 1 > maxEpisodeRange)
        {
            return;
        }

        for (var number = start + 1; number <= end; number++)
        {
            // The file's own ids name its first episode; claiming them again would make the extras collide with
            // it, so the extras match through the show's ids and their numbers only.
            into.Add(first with { Part = number, Episode = number, Ids = [] });
        }
    }
}
