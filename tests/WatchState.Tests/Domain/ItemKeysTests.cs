using WatchState.Domain;

namespace WatchState.Tests.DomainTests;

public class ItemKeysTests
{
    private static Observation Item(
        MediaType type,
        ExternalId[]? ids = null,
        ExternalId[]? showIds = null,
        int? season = null,
        int? episode = null,
        int part = 0) => new()
        {
            Backend = "jf",
            RemoteId = "r1",
            Type = type,
            Title = "t",
            Ids = ids ?? [],
            ShowIds = showIds ?? [],
            Season = season,
            Episode = episode,
            Part = part,
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };

    [Fact]
    public void A_movie_gets_one_key_per_id()
    {
        var keys = ItemKeys.For(Item(MediaType.Movie, ids: [new("imdb", "tt0133093"), new("tmdb", "603")]));

        Assert.Equal(["movie:imdb:tt0133093", "movie:tmdb:603"], keys);
    }

    [Fact]
    public void A_movie_ignores_show_ids_and_episode_numbers()
    {
        var keys = ItemKeys.For(Item(MediaType.Movie, ids: [new("imdb", "tt1")], showIds: [new("tvdb", "9")], season: 1, episode: 1));

        Assert.Equal(["movie:imdb:tt1"], keys);
    }

    [Fact]
    public void An_episode_gets_its_own_keys_and_relative_keys_per_show_id()
    {
        var keys = ItemKeys.For(Item(
            MediaType.Episode,
            ids: [new("tvdb", "349232"), new("imdb", "tt0959621")],
            showIds: [new("imdb", "tt0903747"), new("tvdb", "81189")],
            season: 1,
            episode: 1));

        Assert.Equal(
            [
                "episode:tvdb:349232",
                "episode:imdb:tt0959621",
                "episode:show/imdb:tt0903747/s1/e1",
                "episode:show/tvdb:81189/s1/e1",
            ],
            keys);
    }

    [Fact]
    public void An_episode_without_own_ids_is_matched_through_its_show()
    {
        var keys = ItemKeys.For(Item(MediaType.Episode, showIds: [new("tvdb", "81189")], season: 1, episode: 2));

        Assert.Equal(["episode:show/tvdb:81189/s1/e2"], keys);
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData(2, null)]
    [InlineData(null, null)]
    [InlineData(-1, 3)]
    public void Relative_keys_need_both_season_and_episode_numbers(int? season, int? episode)
    {
        var keys = ItemKeys.For(Item(
            MediaType.Episode, ids: [new("tvdb", "5")], showIds: [new("tvdb", "81189")], season: season, episode: episode));

        Assert.Equal(["episode:tvdb:5"], keys);
    }

    [Fact]
    public void Numbers_are_not_padded_and_specials_season_zero_is_kept()
    {
        var keys = ItemKeys.For(Item(MediaType.Episode, showIds: [new("tvdb", "81189")], season: 0, episode: 12));

        Assert.Equal(["episode:show/tvdb:81189/s0/e12"], keys);
    }

    [Fact]
    public void Extra_parts_of_a_multi_episode_file_use_only_their_own_episode_number()
    {
        var keys = ItemKeys.For(Item(
            MediaType.Episode, ids: [new("tvdb", "7")], showIds: [new("tvdb", "81189")], season: 1, episode: 3, part: 4));

        Assert.Equal(["episode:show/tvdb:81189/s1/e4"], keys);
    }

    [Fact]
    public void An_item_without_ids_has_no_keys()
    {
        Assert.Empty(ItemKeys.For(Item(MediaType.Movie)));
        Assert.Empty(ItemKeys.For(Item(MediaType.Episode, season: 1, episode: 1)));
    }

    [Theory]
    [InlineData("imdb", "TT0133093", "movie:imdb:tt0133093")]
    [InlineData("imdb", "tt0133093", "movie:imdb:tt0133093")]
    [InlineData("youtube", "dQw4w9WgXcQ", "movie:youtube:dQw4w9WgXcQ")]
    [InlineData("custom", "AbC", "movie:custom:AbC")]
    public void Values_are_lower_cased_only_for_case_insensitive_sources(string source, string value, string expected) =>
        Assert.Equal([expected], ItemKeys.For(Item(MediaType.Movie, ids: [new(source, value)])));

    [Fact]
    public void Blank_ids_and_duplicate_keys_are_left_out()
    {
        var keys = ItemKeys.For(Item(MediaType.Movie, ids: [new("imdb", " "), new("tmdb", "603"), new("tmdb", "603")]));

        Assert.Equal(["movie:tmdb:603"], keys);
    }

    [Fact]
    public void Ids_parsed_from_provider_ids_build_the_documented_keys()
    {
        var showIds = ExternalIds.FromProviderIds([KeyValuePair.Create("Tvdb", (string?)"81189")]);

        var keys = ItemKeys.For(Item(MediaType.Episode, showIds: [.. showIds], season: 1, episode: 1));

        Assert.Equal(["episode:show/tvdb:81189/s1/e1"], keys);
    }
}
