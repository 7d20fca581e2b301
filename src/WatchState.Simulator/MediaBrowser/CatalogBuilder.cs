using System.Globalization;
using System.Text;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>Turns a <see cref="SimLibrary"/> into server items with ids, paths, sort names and dates.</summary>
internal static class CatalogBuilder
{
    private static readonly DateTime DefaultAdded = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // About an hour and two seconds, with sub-millisecond digits like real scan dates.
    private const long AddedStepTicks = 36_023_456_789;

    private static readonly (string Name, string CollectionType)[] Libraries =
        [("Movies", "movies"), ("Shows", "tvshows"), ("Music", "music")];

    public sealed record InitialState(string UserName, string ItemId, SimPlayState State);

    public static Catalog Build(SimLibrary library, IdAllocator ids, List<InitialState> states)
    {
        var views = new List<ServerItem>();
        var folders = new List<string>();
        for (var i = 0; i < Libraries.Length; i++)
        {
            var (name, type) = Libraries[i];
            views.Add(new ServerItem
            {
                Kind = ItemKind.CollectionFolder,
                Id = ids.Library(i),
                Name = name,
                SortName = name.ToLowerInvariant(),
                DateCreated = DefaultAdded.AddDays(-30).AddTicks(i * 11_506_725_381),
                Path = "/config/data/root/default/" + name,
                ParentId = ids.Root,
                Library = i,
                LookupKey = "library:" + name,
                CollectionType = type,
            });
            folders.Add(ids.LibraryFolder(i));
        }

        var items = new List<ServerItem>(library.VideoCount + (library.Shows.Count * 3));
        var serial = 0;
        DateTime Added(DateTimeOffset? given) => given?.UtcDateTime ?? DefaultAdded.AddTicks(serial++ * AddedStepTicks);

        foreach (var movie in library.Movies)
        {
            var id = ids.Item("movie:" + movie.Title + ":" + movie.Year);
            var folderName = movie.Year is { } y ? $"{movie.Title} ({y.ToString(CultureInfo.InvariantCulture)})" : movie.Title;
            items.Add(new ServerItem
            {
                Kind = ItemKind.Movie,
                Id = id,
                Name = movie.Title,
                SortName = SortNameOf(movie.Title),
                OriginalTitle = movie.OriginalTitle,
                DateCreated = Added(movie.Added),
                PremiereDate = movie.Premiered?.UtcDateTime,
                ProductionYear = movie.Year,
                Path = movie.Path ?? $"/media/Movies/{folderName}/{folderName}.mkv",
                ProviderIds = movie.ProviderIds,
                RunTimeTicks = movie.RunTime.Ticks,
                ParentId = folders[0],
                Library = 0,
                ProviderUserDataKey = Provider(movie.ProviderIds, "Imdb") ?? Provider(movie.ProviderIds, "Tmdb"),
                Overview = movie.Overview,
                Genres = movie.Genres,
                LookupKey = movie.Title,
            });
            AddStates(states, id, movie.States);
        }

        foreach (var show in library.Shows)
        {
            AddShow(show, ids, folders[1], items, states, Added);
        }

        return Catalog.Create(ids.Root, views, folders, [.. items]);
    }

    private static void AddShow(SimShow show, IdAllocator ids, string libraryFolder, List<ServerItem> items,
        List<InitialState> states, Func<DateTimeOffset?, DateTime> added)
    {
        var seriesId = ids.Item("series:" + show.Title);
        var folderName = show.Year is { } y ? $"{show.Title} ({y.ToString(CultureInfo.InvariantCulture)})" : show.Title;
        var seriesPath = "/media/Shows/" + folderName;
        var tvdb = Provider(show.ProviderIds, "Tvdb");
        var seriesAdded = added(show.Added);
        items.Add(new ServerItem
        {
            Kind = ItemKind.Series,
            Id = seriesId,
            Name = show.Title,
            SortName = SortNameOf(show.Title),
            DateCreated = seriesAdded,
            PremiereDate = show.Premiered?.UtcDateTime,
            ProductionYear = show.Year,
            Path = seriesPath,
            ProviderIds = show.ProviderIds,
            ParentId = libraryFolder,
            Library = 1,
            ProviderUserDataKey = tvdb ?? Provider(show.ProviderIds, "Imdb") ?? Provider(show.ProviderIds, "Tmdb"),
            Overview = show.Overview,
            Genres = show.Genres,
            LookupKey = show.Title,
        });

        foreach (var season in show.Episodes.GroupBy(e => e.Season).OrderBy(g => g.Key))
        {
            var number = season.Key;
            var seasonId = ids.Item("season:" + show.Title + ":" + number.ToString(CultureInfo.InvariantCulture));
            var seasonName = number == 0 ? "Specials" : "Season " + number.ToString(CultureInfo.InvariantCulture);
            var seasonPath = $"{seriesPath}/Season {number.ToString("D2", CultureInfo.InvariantCulture)}";
            items.Add(new ServerItem
            {
                Kind = ItemKind.Season,
                Id = seasonId,
                Name = seasonName,
                // Jellyfin sorts a season by its number, ahead of episodes and named items (real capture 10).
                SortName = number.ToString("D4", CultureInfo.InvariantCulture) + " - " + seasonName.ToLowerInvariant(),
                DateCreated = seriesAdded.AddTicks(468_743_912),
                Path = seasonPath,
                IndexNumber = number,
                SeriesId = seriesId,
                SeriesName = show.Title,
                ParentId = seriesId,
                Library = 1,
                ProviderUserDataKey = tvdb is null ? null : tvdb + number.ToString("D3", CultureInfo.InvariantCulture),
                LookupKey = $"{show.Title} season {number.ToString(CultureInfo.InvariantCulture)}",
            });

            foreach (var episode in season)
            {
                var code = EpisodeCode(episode);
                var name = episode.Title ?? $"{show.Title} {code}";
                var id = ids.Item("episode:" + show.Title + ":" + code);
                items.Add(new ServerItem
                {
                    Kind = ItemKind.Episode,
                    Id = id,
                    Name = name,
                    SortName = $"{number.ToString("D3", CultureInfo.InvariantCulture)} - {episode.Episode.ToString("D4", CultureInfo.InvariantCulture)} - {name}",
                    DateCreated = added(episode.Added),
                    PremiereDate = episode.Premiered?.UtcDateTime,
                    Path = episode.Path ?? $"{seasonPath}/{show.Title} {code}.mkv",
                    ProviderIds = episode.ProviderIds,
                    RunTimeTicks = episode.RunTime.Ticks,
                    IndexNumber = episode.Episode,
                    IndexNumberEnd = episode.EpisodeEnd,
                    ParentIndexNumber = number,
                    SeriesId = seriesId,
                    SeriesName = show.Title,
                    SeasonId = seasonId,
                    SeasonName = seasonName,
                    ParentId = seasonId,
                    Library = 1,
                    ProviderUserDataKey = tvdb is null
                        ? null
                        : tvdb + number.ToString("D3", CultureInfo.InvariantCulture) + episode.Episode.ToString("D3", CultureInfo.InvariantCulture),
                    Overview = episode.Overview,
                    Genres = episode.Genres,
                    LookupKey = $"{show.Title} {EpisodeCode(episode.Season, episode.Episode)}",
                });
                AddStates(states, id, episode.States);
            }
        }
    }

    public static string EpisodeCode(int season, int episode) =>
        $"S{season.ToString("D2", CultureInfo.InvariantCulture)}E{episode.ToString("D2", CultureInfo.InvariantCulture)}";

    private static string EpisodeCode(SimEpisode e) =>
        EpisodeCode(e.Season, e.Episode)
        + (e.EpisodeEnd is { } end ? "-E" + end.ToString("D2", CultureInfo.InvariantCulture) : string.Empty);

    private static void AddStates(List<InitialState> states, string itemId, IReadOnlyDictionary<string, SimPlayState> given)
    {
        foreach (var (user, state) in given)
        {
            states.Add(new InitialState(user, itemId, state));
        }
    }

    private static string? Provider(IReadOnlyList<KeyValuePair<string, string>> ids, string key)
    {
        foreach (var (k, v) in ids)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase) && v.Length > 0)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>Jellyfin-style sort name: lower case, leading article dropped, numbers padded to ten digits.</summary>
    internal static string SortNameOf(string name)
    {
        var lower = name.ToLowerInvariant();
        foreach (var article in (string[])["the ", "a ", "an "])
        {
            if (lower.StartsWith(article, StringComparison.Ordinal) && lower.Length > article.Length)
            {
                lower = lower[article.Length..];
                break;
            }
        }

        var sb = new StringBuilder(lower.Length + 16);
        for (var i = 0; i < lower.Length;)
        {
            if (!char.IsAsciiDigit(lower[i]))
            {
                sb.Append(lower[i++]);
                continue;
            }

            var start = i;
            while (i < lower.Length && char.IsAsciiDigit(lower[i]))
            {
                i++;
            }

            sb.Append('0', Math.Max(0, 10 - (i - start))).Append(lower, start, i - start);
        }

        return sb.ToString();
    }
}
