using System.Globalization;
using System.Text.RegularExpressions;
using WatchState.Domain;

namespace WatchState.Backends.Plex;

/// <summary>Turns Plex metadata into observations. Pure: no I/O, no clock.</summary>
internal sealed partial class PlexMapper(string backend, int maxEpisodeRange)
{
    public static IReadOnlyList<ExternalId> MapIds(PlexMetadataDto item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return PlexGuids.FromPlexGuids(item.Guid, item.Guids?.Select(g => g.Id).OfType<string>());
    }

    public static MediaType? TypeOf(PlexMetadataDto item) => item.Type switch
    {
        "movie" => MediaType.Movie,
        "episode" => MediaType.Episode,
        _ => null,
    };

    /// <summary>Maps one page; items of other types (shows, seasons, clips, …) are left out without a trace.</summary>
    /// <param name="showIds">The ids of each show by its ratingKey; episodes of an unknown show get no show ids.</param>
    public ItemPage MapPage(
        IReadOnlyList<PlexMetadataDto> items,
        int total,
        IReadOnlyDictionary<string, IReadOnlyList<ExternalId>> showIds,
        DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(items);
        var observations = new List<Observation>(items.Count);
        var skipped = new List<SkippedItem>();
        foreach (var item in items)
        {
            if (TypeOf(item) is not { } type)
            {
                continue;
            }

            var title = item.Title ?? item.OriginalTitle;
            if (string.IsNullOrEmpty(item.RatingKey) || string.IsNullOrEmpty(title))
            {
                skipped.Add(new SkippedItem(item.RatingKey ?? string.Empty, title ?? string.Empty, string.IsNullOrEmpty(item.RatingKey) ? "no ratingKey" : "no title"));
                continue;
            }

            var observation = Map(item, type, title, showIds, receivedAt);
            observations.Add(observation);
            if (type == MediaType.Episode)
            {
                AddExtraEpisodes(item, observation, observations);
            }
        }

        return new ItemPage(observations, skipped, total);
    }

    private Observation Map(
        PlexMetadataDto item,
        MediaType type,
        string title,
        IReadOnlyDictionary<string, IReadOnlyList<ExternalId>> showIds,
        DateTimeOffset receivedAt)
    {
        var episode = type == MediaType.Episode;
        var viewCount = Math.Max(0, item.ViewCount ?? 0);
        return new Observation
        {
            Backend = backend,
            RemoteId = item.RatingKey!,
            Type = type,
            Title = title,
            Year = item.Year ?? YearOf(item.OriginallyAvailableAt),
            SeriesTitle = episode ? item.GrandparentTitle : null,
            Season = episode ? item.ParentIndex : null,
            Episode = episode ? item.Index : null,
            Ids = MapIds(item),
            ShowIds = episode ? ShowIdsOf(item, showIds) : [],
            ShowRemoteId = episode ? item.GrandparentRatingKey : null,
            Played = viewCount > 0,
            PlayedAt = FromEpochSeconds(item.LastViewedAt),
            AddedAt = FromEpochSeconds(item.AddedAt),
            ProgressMs = Math.Max(0, item.ViewOffset ?? 0),
            PlayCount = viewCount,
            DurationMs = item.Duration is > 0 ? item.Duration : null,
            Kind = ObservationKind.Import,
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>
    /// The show's ids from the section's show listing; a legacy agent episode (<c>com.plexapp.agents.thetvdb://81189/1/3</c>)
    /// names its show itself, which covers shows missing from the listing.
    /// </summary>
    private static IReadOnlyList<ExternalId> ShowIdsOf(PlexMetadataDto item, IReadOnlyDictionary<string, IReadOnlyList<ExternalId>> showIds)
    {
        if (item.GrandparentRatingKey is { } show && showIds.TryGetValue(show, out var ids) && ids.Count > 0)
        {
            return ids;
        }

        return PlexGuids.ParsePlexEpisodeGuid(item.Guid)?.ShowIds ?? [];
    }

    /// <summary>
    /// Plex lists a multi-episode file (<c>S01E03-E04</c>) once, numbered as its first episode; only the file name
    /// tells the range. Ranges wider than the cap are almost always a misread name, so those stay one episode.
    /// </summary>
    private void AddExtraEpisodes(PlexMetadataDto item, Observation first, List<Observation> into)
    {
        if (item.Index is not { } start || EpisodeRange(FileOf(item)) is not var (from, end) || from != start || end <= start)
        {
            return;
        }

        if ((long)end - start + 1 > maxEpisodeRange)
        {
            return;
        }

        for (var number = start + 1; number <= end; number++)
        {
            // The item's ids name its first episode; the extras match through the show's ids and their numbers.
            into.Add(first with { Part = number, Episode = number, Ids = [] });
        }
    }

    /// <summary>The first and last episode number of a file name such as <c>Show - S01E03-E04.mkv</c>.</summary>
    internal static (int First, int Last)? EpisodeRange(string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        var name = Path.GetFileNameWithoutExtension(file.Replace('\\', '/'));
        var match = MultiEpisode().Match(name);
        if (!match.Success)
        {
            return null;
        }

        var last = match.Groups["next"].Captures[^1].Value;
        return int.TryParse(match.Groups["first"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            ? (first, end)
            : null;
    }

    private static string? FileOf(PlexMetadataDto item) =>
        item.Media is [{ Part: [{ File: var file }, ..] }, ..] ? file : null;

    private static int? YearOf(string? date) =>
        date is { Length: >= 4 } && int.TryParse(date.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year > 0
            ? year
            : null;

    private static DateTimeOffset? FromEpochSeconds(long? seconds) =>
        seconds is > 0 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;

    // S01E03-E04, S01E03E04, S01E03-04, S01E03-E04-E05: the last number ends the range.
    [GeneratedRegex(@"[Ss]\d{1,4}[Ee](?<first>\d{1,4})(?:(?:-[Ee]?|[Ee])(?<next>\d{1,4}))+(?!\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MultiEpisode();
}
