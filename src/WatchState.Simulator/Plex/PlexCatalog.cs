using System.Globalization;

namespace WatchState.Simulator.Plex;

/// <summary>A library section as <c>/library/sections</c> lists it.</summary>
internal sealed record PlexSection(int Id, string Title, string Type, string Agent, string Scanner, string Uuid, string Location);

/// <summary>
/// The library translated into PMS rows: rating keys handed out in order (movies, then per show: show, seasons,
/// episodes), a multi-episode file as one episode with the first index, lists pre-sorted for paging.
/// </summary>
internal sealed class PlexCatalog
{
    public const int MovieSection = 1;
    public const int ShowSection = 2;
    public const int MusicSection = 3;

    private static readonly DateTimeOffset DefaultAdded = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<int, PlexItem> _byKey = [];
    private readonly Dictionary<string, PlexItem> _byTitle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, List<PlexItem>> _episodesOf = [];
    private readonly List<PlexItem> _movies = [];
    private readonly List<PlexItem> _shows = [];
    private readonly List<PlexItem> _seasons = [];
    private readonly List<PlexItem> _episodes = [];

    public PlexCatalog(SimLibrary library, bool legacyAgents, Action<PlexItem, SimVideo> addState)
    {
        var next = 1;
        long serial = 0;
        long Added(DateTimeOffset? given) => (given ?? DefaultAdded.AddSeconds(serial++ * 3607)).ToUnixTimeSeconds();
        foreach (var movie in library.Movies)
        {
            var folder = movie.Year is { } y ? $"{movie.Title} ({y.ToString(CultureInfo.InvariantCulture)})" : movie.Title;
            var item = new PlexItem
            {
                RatingKey = next++,
                Kind = PlexKind.Movie,
                SectionId = MovieSection,
                Title = movie.Title,
                OriginalTitle = movie.OriginalTitle,
                Year = movie.Year,
                Guid = legacyAgents ? LegacyGuid(movie.ProviderIds, "movie") : NewGuid("movie", next - 1),
                Guids = legacyAgents ? [] : Guids(movie.ProviderIds),
                AddedAt = Added(movie.Added),
                OriginallyAvailableAt = Day(movie.Premiered),
                DurationMs = (long)(movie.RunTime > TimeSpan.Zero ? movie.RunTime : TimeSpan.FromHours(2)).TotalMilliseconds,
                File = movie.Path ?? $"/media/movies/{folder}/{folder}.mkv",
                Summary = movie.Overview,
                Genres = movie.Genres,
            };
            Add(item, movie.Title);
            _movies.Add(item);
            addState(item, movie);
        }

        foreach (var show in library.Shows)
        {
            var folder = show.Year is { } y ? $"{show.Title} ({y.ToString(CultureInfo.InvariantCulture)})" : show.Title;
            var showItem = new PlexItem
            {
                RatingKey = next++,
                Kind = PlexKind.Show,
                SectionId = ShowSection,
                Title = show.Title,
                Year = show.Year,
                Guid = legacyAgents ? LegacyGuid(show.ProviderIds, "show") : NewGuid("show", next - 1),
                Guids = legacyAgents ? [] : Guids(show.ProviderIds),
                AddedAt = Added(show.Added),
                OriginallyAvailableAt = Day(show.Premiered),
                Summary = show.Overview,
                Genres = show.Genres,
                File = "/media/tv/" + folder,
            };
            Add(showItem, show.Title);
            _shows.Add(showItem);
            var episodes = _episodesOf[showItem.RatingKey] = [];
            foreach (var seasonGroup in show.Episodes.GroupBy(e => e.Season).OrderBy(g => g.Key))
            {
                var season = new PlexItem
                {
                    RatingKey = next++,
                    Kind = PlexKind.Season,
                    SectionId = ShowSection,
                    Title = "Season " + seasonGroup.Key.ToString(CultureInfo.InvariantCulture),
                    Guid = legacyAgents ? showItem.Guid : NewGuid("season", next - 1),
                    AddedAt = showItem.AddedAt,
                    Index = seasonGroup.Key,
                    ParentIndex = seasonGroup.Key,
                    Show = showItem,
                };
                _byKey[season.RatingKey] = season;
                _seasons.Add(season);
                foreach (var episode in seasonGroup.OrderBy(e => e.Episode))
                {
                    var code = Code(episode);
                    var item = new PlexItem
                    {
                        RatingKey = next++,
                        Kind = PlexKind.Episode,
                        SectionId = ShowSection,
                        Title = episode.Title ?? $"{show.Title} {code}",
                        Year = show.Year,
                        Guid = legacyAgents ? LegacyEpisodeGuid(show.ProviderIds, episode) : NewGuid("episode", next - 1),
                        Guids = legacyAgents ? [] : Guids(episode.ProviderIds),
                        AddedAt = Added(episode.Added),
                        OriginallyAvailableAt = Day(episode.Premiered),
                        DurationMs = (long)(episode.RunTime > TimeSpan.Zero ? episode.RunTime : TimeSpan.FromMinutes(45)).TotalMilliseconds,
                        File = episode.Path ?? $"/media/tv/{folder}/Season {seasonGroup.Key.ToString("D2", CultureInfo.InvariantCulture)}/{show.Title} - {code}.mkv",
                        Summary = episode.Overview,
                        Genres = episode.Genres,
                        ParentIndex = episode.Season,
                        Index = episode.Episode,
                        Show = showItem,
                        Parent = season,
                    };
                    _byKey[item.RatingKey] = item;
                    for (var n = episode.Episode; n <= (episode.EpisodeEnd ?? episode.Episode); n++)
                    {
                        _byTitle.TryAdd(string.Create(CultureInfo.InvariantCulture, $"{show.Title} S{episode.Season:D2}E{n:D2}"), item);
                    }

                    _episodes.Add(item);
                    episodes.Add(item);
                    addState(item, episode);
                }
            }
        }

        // Plex sorts ties by id, which keeps pages stable while nothing is added.
        MoviesByAdded = [.. _movies.OrderBy(i => i.AddedAt).ThenBy(i => i.RatingKey)];
        EpisodesByAdded = [.. _episodes.OrderBy(i => i.AddedAt).ThenBy(i => i.RatingKey)];
        ShowsByAdded = [.. _shows.OrderBy(i => i.AddedAt).ThenBy(i => i.RatingKey)];
    }

    public static IReadOnlyList<PlexSection> Sections { get; } =
    [
        new(MovieSection, "Movies", "movie", "tv.plex.agents.movie", "Plex Movie", "AC000000-0000-0000-0000-000000000001", "/media/movies"),
        new(ShowSection, "TV Shows", "show", "tv.plex.agents.series", "Plex TV Series", "AC000000-0000-0000-0000-000000000002", "/media/tv"),
        new(MusicSection, "Music", "artist", "tv.plex.agents.music", "Plex Music", "AC000000-0000-0000-0000-000000000003", "/media/music"),
    ];

    public IReadOnlyList<PlexItem> MoviesByAdded { get; }

    public IReadOnlyList<PlexItem> EpisodesByAdded { get; }

    public IReadOnlyList<PlexItem> ShowsByAdded { get; }

    public IReadOnlyList<PlexItem> Movies => _movies;

    public IReadOnlyList<PlexItem> Shows => _shows;

    public IReadOnlyList<PlexItem> Seasons => _seasons;

    public IReadOnlyList<PlexItem> Episodes => _episodes;

    public PlexItem? Find(int ratingKey) => _byKey.GetValueOrDefault(ratingKey);

    public PlexItem? Find(string? ratingKey) =>
        int.TryParse(ratingKey, NumberStyles.None, CultureInfo.InvariantCulture, out var key) ? Find(key) : null;

    public PlexItem? Lookup(string title) => _byTitle.GetValueOrDefault(title);

    public IReadOnlyList<PlexItem> EpisodesOf(PlexItem item) => item.Kind switch
    {
        PlexKind.Show => _episodesOf[item.RatingKey],
        PlexKind.Season => [.. _episodesOf[item.Show!.RatingKey].Where(e => e.Parent == item)],
        _ => [item],
    };

    public static PlexSection? Section(string? id) => Sections.FirstOrDefault(s => s.Id.ToString(CultureInfo.InvariantCulture) == id);

    private void Add(PlexItem item, string title)
    {
        _byKey[item.RatingKey] = item;
        _byTitle.TryAdd(title, item);
    }

    private static string Code(SimEpisode e) => e.EpisodeEnd is { } end
        ? string.Create(CultureInfo.InvariantCulture, $"S{e.Season:D2}E{e.Episode:D2}-E{end:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"S{e.Season:D2}E{e.Episode:D2}");

    private static string? Day(DateTimeOffset? date) => date?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Plex's own ids are 24 hex digits; derive them from the rating key so they are stable.
    private static string NewGuid(string kind, int ratingKey) =>
        $"plex://{kind}/{((long)ratingKey * 2_654_435_761L).ToString("x24", CultureInfo.InvariantCulture)}";

    private static List<string> Guids(IReadOnlyList<KeyValuePair<string, string>> ids)
    {
        var list = new List<string>(ids.Count);
        foreach (var (key, value) in ids)
        {
            list.Add(key.ToUpperInvariant() switch
            {
                "IMDB" => "imdb://" + value,
                "TMDB" => "tmdb://" + value,
                "TVDB" => "tvdb://" + value,
                _ => key.ToLowerInvariant() + "://" + value,
            });
        }

        return list;
    }

    private static string LegacyGuid(IReadOnlyList<KeyValuePair<string, string>> ids, string kind)
    {
        foreach (var (key, value) in ids)
        {
            switch (key.ToUpperInvariant())
            {
                case "IMDB":
                    return $"com.plexapp.agents.imdb://{value}?lang=en";
                case "TMDB":
                    return $"com.plexapp.agents.themoviedb://{value}?lang=en";
                case "TVDB":
                    return $"com.plexapp.agents.thetvdb://{value}?lang=en";
            }
        }

        return $"com.plexapp.agents.none://{kind}?lang=xn";
    }

    private static string LegacyEpisodeGuid(IReadOnlyList<KeyValuePair<string, string>> showIds, SimEpisode e)
    {
        var tvdb = showIds.FirstOrDefault(p => p.Key.Equals("Tvdb", StringComparison.OrdinalIgnoreCase)).Value;
        return tvdb is null
            ? "com.plexapp.agents.none://episode?lang=xn"
            : string.Create(CultureInfo.InvariantCulture, $"com.plexapp.agents.thetvdb://{tvdb}/{e.Season}/{e.Episode}?lang=en");
    }
}
