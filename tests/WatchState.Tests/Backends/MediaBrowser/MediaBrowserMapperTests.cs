using System.Text.Json;
using WatchState.Backends;
using WatchState.Backends.MediaBrowser;
using WatchState.Domain;

namespace WatchState.Tests.Backends.MediaBrowser;

public class MediaBrowserMapperTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Dictionary<string, IReadOnlyList<ExternalId>> NoShows = [];

    private static ItemsResultDto Load(string fixture) =>
        JsonSerializer.Deserialize(Fixtures.Read(fixture), MediaBrowserJsonContext.Default.ItemsResultDto)!;

    private static ItemPage Map(string fixture, int maxRange = 5, Dictionary<string, IReadOnlyList<ExternalId>>? shows = null)
    {
        var page = Load(fixture);
        var mapper = new MediaBrowserMapper("home", maxRange);
        return mapper.MapPage(page.Items!, page.TotalRecordCount, shows ?? NoShows, Now);
    }

    private static Observation Single(ItemPage page, string title) => Assert.Single(page.Items, o => o.Title == title);

    [Fact]
    public void Played_movie_keeps_its_date_count_ids_and_added_date()
    {
        var movie = Single(Map("jellyfin/items-movies-page.json"), "Ferengi: Rules of Acquisition");

        Assert.Equal("home", movie.Backend);
        Assert.Equal("65c2d2128538058e4db27f72a904afbe", movie.RemoteId);
        Assert.Equal(MediaType.Movie, movie.Type);
        Assert.True(movie.Played);
        Assert.Equal(new DateTimeOffset(2024, 1, 4, 21, 4, 49, 571, TimeSpan.Zero), movie.PlayedAt);
        Assert.Equal(new DateTimeOffset(2023, 1, 13, 14, 40, 0, TimeSpan.Zero), movie.AddedAt);
        Assert.Equal(1, movie.PlayCount);
        Assert.Equal(2000, movie.Year);
        Assert.Equal(0, movie.ProgressMs);
        Assert.Contains(new ExternalId("imdb", "tt0000001"), movie.Ids);
        Assert.Contains(new ExternalId("tmdb", "1"), movie.Ids);
        Assert.Empty(movie.ShowIds);
        Assert.Null(movie.Season);
        Assert.Equal(ObservationKind.Import, movie.Kind);
        Assert.False(movie.Explicit);
        Assert.Equal(Now, movie.ReceivedAt);
    }

    [Fact]
    public void In_progress_movie_converts_ticks_to_milliseconds()
    {
        var movie = Single(Map("jellyfin/items-movies-page.json"), "Half Watched");

        Assert.False(movie.Played);
        Assert.Equal(45 * 60 * 1000, movie.ProgressMs);
        Assert.Equal(120 * 60 * 1000, movie.DurationMs);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 18, 21, 0, TimeSpan.Zero), movie.PlayedAt);
        Assert.Equal(new DateTimeOffset(2023, 2, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), movie.AddedAt);
    }

    [Fact]
    public void Played_without_last_played_date_is_played_with_no_date()
    {
        var movie = Single(Map("jellyfin/items-movies-page.json"), "Played Without Date");

        Assert.True(movie.Played);
        Assert.Null(movie.PlayedAt);
        Assert.Equal(1, movie.PlayCount);
        Assert.Equal([new ExternalId("imdb", "tt0000003")], movie.Ids);
    }

    [Fact]
    public void Page_reports_the_servers_total()
    {
        var page = Map("jellyfin/items-movies-page.json");

        Assert.Equal(3, page.Total);
        Assert.Equal(3, page.Items.Count);
        Assert.Empty(page.Skipped);
    }

    [Fact]
    public void Multi_episode_file_becomes_one_observation_per_episode()
    {
        var page = Map("jellyfin/items-episodes-page.json");
        var parts = page.Items.Where(o => o.RemoteId == "142d224faa1b06e9a64f79fef626fe0d").ToList();

        Assert.Equal(2, parts.Count);
        Assert.Equal((0, 3), (parts[0].Part, parts[0].Episode));
        Assert.Equal((4, 4), (parts[1].Part, parts[1].Episode));
        Assert.All(parts, p => Assert.Equal(1, p.Season));
        Assert.All(parts, p => Assert.Equal("Ferengi StandUp Comedy", p.SeriesTitle));

        // The file's episode id names its first episode only; the extra must not claim it too.
        Assert.Equal([new ExternalId("tvdb", "6")], parts[0].Ids);
        Assert.Empty(parts[1].Ids);
        Assert.Equal(4, page.Items.Count);
    }

    [Fact]
    public void Episode_range_wider_than_the_cap_stays_one_episode()
    {
        var page = Map("jellyfin/items-episodes-page.json", maxRange: 1);

        var only = Assert.Single(page.Items, o => o.RemoteId == "142d224faa1b06e9a64f79fef626fe0d");
        Assert.Equal((0, 3), (only.Part, only.Episode));
    }

    [Fact]
    public void Episode_maps_numbers_series_and_user_data()
    {
        var page = Map("jellyfin/items-episodes-page.json");
        var first = Single(page, "The first Picard joke");
        var second = Single(page, "Second Joke");

        Assert.Equal(MediaType.Episode, first.Type);
        Assert.Equal((1, 1), (first.Season, first.Episode));
        Assert.True(first.Played);
        Assert.Equal(2, first.PlayCount);
        Assert.Equal(new DateTimeOffset(2024, 1, 3, 20, 0, 0, TimeSpan.Zero), first.PlayedAt);
        Assert.False(second.Played);
        Assert.Equal(900_000, second.ProgressMs);
    }

    [Fact]
    public void Real_jellyfin_episodes_take_show_ids_from_their_series()
    {
        var series = Load("jellyfin-real/10-items-series-seasons.json");
        var shows = series.Items!.Where(s => s.Type == "Series").ToDictionary(s => s.Id!, s => MediaBrowserMapper.MapIds(s.ProviderIds));

        var page = Map("jellyfin-real/09-items-all-movies-episodes.json", shows: shows);

        var episode = Single(page, "Breaking Bad S01E01");
        Assert.Empty(episode.Ids);
        Assert.Equal([new ExternalId("tvdb", "81189")], episode.ShowIds);
        Assert.Equal("Breaking Bad", episode.SeriesTitle);
        var matrix = Single(page, "The Matrix (1999) [imdbid-tt0133093]");
        Assert.Equal([new ExternalId("imdb", "tt0133093")], matrix.Ids);
        Assert.Equal(1999, matrix.Year);
    }

    [Fact]
    public void Real_jellyfin_played_items_keep_seven_digit_fractions()
    {
        var page = Map("jellyfin-real/61-user-items-all-final.json");

        var episode = Single(page, "Breaking Bad S01E01");
        Assert.True(episode.Played);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 27, 59, TimeSpan.Zero).AddTicks(3_727_592), episode.PlayedAt);
        var unplayed = Single(page, "Breaking Bad S01E02");
        Assert.False(unplayed.Played);
        Assert.Null(unplayed.PlayedAt);
    }

    [Fact]
    public void Emby_numeric_ids_map_as_they_are()
    {
        var movies = Map("emby/items-movies-page.json");
        var episodes = Map("emby/items-episodes-page.json", shows: new() { ["87099"] = [new ExternalId("tvdb", "72476")] });

        var played = Single(movies, "Ferengi: Rules of Acquisition");
        Assert.Equal("87001", played.RemoteId);
        Assert.True(played.Played);
        Assert.Equal(new DateTimeOffset(2025, 6, 12, 20, 1, 2, TimeSpan.Zero), played.PlayedAt);
        Assert.Equal(2_700_000, Single(movies, "Half Watched").ProgressMs);
        var episode = Assert.Single(episodes.Items);
        Assert.Equal("87146", episode.RemoteId);
        Assert.Equal((1, 1), (episode.Season, episode.Episode));
        Assert.Equal([new ExternalId("tvdb", "72476")], episode.ShowIds);
        Assert.Contains(new ExternalId("tvdb", "12385"), episode.Ids);
    }

    [Fact]
    public void Emby_provider_keys_with_spaces_and_odd_case_are_understood()
    {
        var ids = MediaBrowserMapper.MapIds(new Dictionary<string, string?> { ["IMDB"] = "tt0000001", ["Tv Maze"] = "42", ["Tmdb"] = "" });

        Assert.Contains(new ExternalId("imdb", "tt0000001"), ids);
        Assert.Contains(new ExternalId("tvmaze", "42"), ids);
        Assert.DoesNotContain(ids, id => id.Source == "tmdb");
    }

    [Fact]
    public void Items_of_other_types_are_left_out_silently()
    {
        var page = Map("jellyfin-real/10-items-series-seasons.json");

        Assert.Empty(page.Items);
        Assert.Empty(page.Skipped);
    }

    [Fact]
    public void Items_without_numbers_or_dates_still_map()
    {
        var json = """
            {"Items":[
              {"Id":"a1","Name":"Special","Type":"Episode","SeriesName":"Show","DateCreated":"0001-01-01T00:00:00.0000000Z",
               "UserData":{"Played":true,"LastPlayedDate":"0001-01-01T00:00:00.0000000Z"}},
              {"Name":"No id","Type":"Movie"},
              {"Id":"m1","Type":"Movie"}
            ],"TotalRecordCount":3}
            """;
        var dto = JsonSerializer.Deserialize(json, MediaBrowserJsonContext.Default.ItemsResultDto)!;

        var page = new MediaBrowserMapper("home", 5).MapPage(dto.Items!, dto.TotalRecordCount, NoShows, Now);

        var special = Assert.Single(page.Items);
        Assert.Null(special.Season);
        Assert.Null(special.Episode);
        Assert.Null(special.AddedAt);
        Assert.Null(special.PlayedAt);
        Assert.True(special.Played);
        Assert.Equal(2, page.Skipped.Count);
        Assert.Contains(page.Skipped, s => s.Reason == "no Id" && s.Title == "No id");
        Assert.Contains(page.Skipped, s => s.Reason == "no Name" && s.RemoteId == "m1");
    }

    [Theory]
    [InlineData("2024-01-05T18:21:00.0000000Z", "2024-01-05T18:21:00.0000000+00:00")]
    [InlineData("2024-11-21T21:04:49.571Z", "2024-11-21T21:04:49.5710000+00:00")]
    [InlineData("2024-11-21T21:04:52.4030928Z", "2024-11-21T21:04:52.4030928+00:00")]
    [InlineData("2024-01-05T19:21:00.0000000+01:00", "2024-01-05T18:21:00.0000000+00:00")]
    [InlineData("2024-01-05T18:21:00", "2024-01-05T18:21:00.0000000+00:00")]
    [InlineData("20240105182100", "2024-01-05T18:21:00.0000000+00:00")]
    public void Dates_of_either_server_read_as_utc(string wire, string expected)
    {
        var parsed = MediaBrowserDateConverter.Parse(wire);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00.0000000Z")]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Dates_meaning_never_or_unreadable_are_none(string wire) =>
        Assert.Null(MediaBrowserDateConverter.Parse(wire));
}
