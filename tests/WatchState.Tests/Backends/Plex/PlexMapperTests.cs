using System.Text.Json;
using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Domain;

namespace WatchState.Tests.Backends.Plex;

public class PlexMapperTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Dictionary<string, IReadOnlyList<ExternalId>> NoShows = [];

    private static PlexContainerDto Load(string fixture) =>
        JsonSerializer.Deserialize(Fixtures.Read(fixture), PlexJsonContext.Default.PlexResponseDto)!.MediaContainer!;

    private static ItemPage Map(string fixture, Dictionary<string, IReadOnlyList<ExternalId>>? shows = null)
    {
        var page = Load(fixture);
        return new PlexMapper("plex", 5).MapPage(page.Metadata!, page.TotalSize ?? 0, shows ?? NoShows, Now);
    }

    private static PlexMetadataDto Episode(string file, int index = 3, string ratingKey = "9") => new()
    {
        RatingKey = ratingKey,
        Type = "episode",
        Title = "Two parter",
        ParentIndex = 1,
        Index = index,
        GrandparentRatingKey = "3",
        GrandparentTitle = "Show",
        Guids = [new PlexGuidDto { Id = "tvdb://77" }],
        ViewCount = 1,
        LastViewedAt = 1_700_000_000,
        Media = [new PlexMediaDto { Part = [new PlexPartDto { File = file }] }],
    };

    private static IReadOnlyList<Observation> MapItems(int maxRange, params PlexMetadataDto[] items) =>
        new PlexMapper("plex", maxRange).MapPage(items, items.Length, NoShows, Now).Items;

    [Fact]
    public void Unwatched_movie_from_the_movies_page_has_no_play_state_but_its_ids_and_added_date()
    {
        var page = Map("plex/section-movies-page.json");

        var movie = Assert.Single(page.Items);
        Assert.Equal("plex", movie.Backend);
        Assert.Equal("1", movie.RemoteId);
        Assert.Equal(MediaType.Movie, movie.Type);
        Assert.Equal("Ferengi: Rules of Acquisition", movie.Title);
        Assert.Equal(2000, movie.Year);
        Assert.False(movie.Played);
        Assert.Null(movie.PlayedAt);
        Assert.Equal(0, movie.ProgressMs);
        Assert.Equal(0, movie.PlayCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1159501116), movie.AddedAt);
        Assert.Contains(new ExternalId("imdb", "tt0000001"), movie.Ids);
        Assert.Contains(new ExternalId("tmdb", "1"), movie.Ids);
        Assert.Contains(new ExternalId("tvdb", "1"), movie.Ids);
        Assert.DoesNotContain(movie.Ids, id => id.Source == "plex");
        Assert.Null(movie.Season);
        Assert.Equal(ObservationKind.Import, movie.Kind);
        Assert.Equal(Now, movie.ReceivedAt);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public void Watched_movie_is_played_at_its_last_viewed_time_with_its_view_count()
    {
        var movie = Assert.Single(Map("plex/metadata-movie-watched.json").Items);

        Assert.True(movie.Played);
        Assert.Equal(2, movie.PlayCount);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero), movie.PlayedAt);
    }

    [Fact]
    public void Legacy_agent_movie_takes_its_id_from_the_guid_without_the_query_tail()
    {
        var movie = Assert.Single(Map("plex/metadata-movie-legacy-agent.json").Items);

        Assert.Equal("2", movie.RemoteId);
        Assert.Equal([new ExternalId("imdb", "tt0000002")], movie.Ids);
    }

    [Fact]
    public void Watched_episode_gets_numbers_series_title_and_its_shows_ids_by_grandparent_rating_key()
    {
        var showIds = new Dictionary<string, IReadOnlyList<ExternalId>> { ["3"] = [new ExternalId("tvdb", "3")] };

        var episode = Assert.Single(Map("plex/section-episodes-page.json", showIds).Items);

        Assert.Equal(MediaType.Episode, episode.Type);
        Assert.Equal("5", episode.RemoteId);
        Assert.Equal("Ferengi StandUp Comedy", episode.SeriesTitle);
        Assert.Equal(1, episode.Season);
        Assert.Equal(1, episode.Episode);
        Assert.True(episode.Played);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1643805016), episode.PlayedAt);
        Assert.Equal(2002, episode.Year);
        Assert.Equal([new ExternalId("tvdb", "3")], episode.ShowIds);
        Assert.Contains(new ExternalId("tvdb", "4"), episode.Ids);
        Assert.Equal(0, episode.Part);
    }

    [Fact]
    public void Episode_of_an_unknown_show_has_no_show_ids()
    {
        var episode = Assert.Single(Map("plex/metadata-episode-watched.json").Items);

        Assert.Empty(episode.ShowIds);
    }

    [Fact]
    public void In_progress_episode_keeps_its_offset_in_milliseconds_and_is_not_played()
    {
        var episode = Assert.Single(Map("plex/metadata-episode-in-progress.json").Items);

        Assert.False(episode.Played);
        Assert.Equal(1_234_000, episode.ProgressMs);
        Assert.Equal(2_654_912, episode.DurationMs);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000500), episode.PlayedAt);
    }

    [Fact]
    public void Shows_in_a_listing_are_not_observations()
    {
        var page = Map("plex/section-shows-page.json");

        Assert.Empty(page.Items);
        Assert.Empty(page.Skipped);
    }

    [Fact]
    public void Item_with_only_a_rating_key_type_and_title_maps_with_every_absent_attribute_empty()
    {
        const string json = """{"MediaContainer":{"Metadata":[{"ratingKey":"7","type":"movie","title":"Bare"}]}}""";
        var items = JsonSerializer.Deserialize(json, PlexJsonContext.Default.PlexResponseDto)!.MediaContainer!.Metadata!;

        var movie = Assert.Single(new PlexMapper("plex", 5).MapPage(items, 1, NoShows, Now).Items);

        Assert.False(movie.Played);
        Assert.Null(movie.PlayedAt);
        Assert.Null(movie.AddedAt);
        Assert.Null(movie.Year);
        Assert.Equal(0, movie.ProgressMs);
        Assert.Empty(movie.Ids);
    }

    [Fact]
    public void Year_falls_back_to_the_original_air_date()
    {
        var movie = Assert.Single(MapItems(5, new PlexMetadataDto { RatingKey = "8", Type = "movie", Title = "Dated", OriginallyAvailableAt = "1987-06-05" }));

        Assert.Equal(1987, movie.Year);
    }

    [Fact]
    public void Item_without_rating_key_is_reported_as_skipped()
    {
        var page = new PlexMapper("plex", 5).MapPage([new PlexMetadataDto { Type = "movie", Title = "Orphan" }], 1, NoShows, Now);

        Assert.Empty(page.Items);
        var skipped = Assert.Single(page.Skipped);
        Assert.Equal("Orphan", skipped.Title);
        Assert.Equal("no ratingKey", skipped.Reason);
    }

    [Fact]
    public void Multi_episode_file_becomes_one_observation_per_episode_and_only_the_first_has_ids()
    {
        var items = MapItems(5, Episode("/tv/Show/Season 01/Show - S01E03-E04.mkv"));

        Assert.Equal(2, items.Count);
        Assert.Equal((0, 3), (items[0].Part, items[0].Episode));
        Assert.Equal((4, 4), (items[1].Part, items[1].Episode));
        Assert.Equal("9", items[1].RemoteId);
        Assert.NotEmpty(items[0].Ids);
        Assert.Empty(items[1].Ids);
        Assert.True(items[1].Played);
        Assert.Equal(items[0].PlayedAt, items[1].PlayedAt);
    }

    [Fact]
    public void Multi_episode_range_wider_than_the_cap_stays_one_episode()
    {
        Assert.Equal(3, MapItems(3, Episode("Show - S01E03E04E05.mkv")).Count);
        Assert.Single(MapItems(2, Episode("Show - S01E03E04E05.mkv")));
    }

    [Fact]
    public void File_name_range_that_does_not_start_at_the_episode_number_is_ignored()
    {
        Assert.Single(MapItems(5, Episode("Show - S01E07-E08.mkv", index: 3)));
        Assert.Single(MapItems(5, Episode("Show - S01E03.mkv")));
    }

    [Theory]
    [InlineData("Show - S01E03-E04.mkv", 3, 4)]
    [InlineData("Show - s02e10e11e12.mp4", 10, 12)]
    [InlineData(@"C:\tv\Show - S01E03-04.avi", 3, 4)]
    public void Episode_range_reads_the_common_file_name_forms(string file, int first, int last)
    {
        Assert.Equal((first, last), PlexMapper.EpisodeRange(file));
    }

    [Theory]
    [InlineData("Show - S01E03.mkv")]
    [InlineData("Show (2010).mkv")]
    [InlineData("")]
    public void Single_episode_names_have_no_range(string file)
    {
        Assert.Null(PlexMapper.EpisodeRange(file));
    }

    [Fact]
    public void Legacy_agent_episode_of_an_unlisted_show_takes_the_show_ids_from_its_own_guid()
    {
        var item = Episode("Show - S01E03.mkv") with { Guid = "com.plexapp.agents.thetvdb://81189/1/3?lang=en", Guids = null };

        var episode = Assert.Single(MapItems(5, item));

        Assert.Equal([new ExternalId("tvdb", "81189")], episode.ShowIds);
        Assert.Empty(episode.Ids);
    }
}
