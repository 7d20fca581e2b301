using WatchState.Domain;

namespace WatchState.Tests.DomainTests;

public class PlexGuidsTests
{
    private static string Show(IEnumerable<ExternalId> ids) => string.Join(' ', ids);

    [Theory]
    [InlineData("imdb://tt0133093", "imdb://tt0133093", Label = "Guid[] imdb")]
    [InlineData("tmdb://603", "tmdb://603", Label = "Guid[] tmdb")]
    [InlineData("tvdb://81189", "tvdb://81189", Label = "Guid[] tvdb")]
    [InlineData("tvmaze://82", "tvmaze://82", Label = "Guid[] tvmaze")]
    [InlineData("tvrage://24493", "tvrage://24493", Label = "Guid[] tvrage")]
    [InlineData("anidb://4563", "anidb://4563", Label = "Guid[] anidb")]
    [InlineData("youtube://dQw4w9WgXcQ", "youtube://dQw4w9WgXcQ", Label = "Guid[] youtube")]
    [InlineData("cmdb://abc123", "cmdb://abc123", Label = "Guid[] cmdb")]
    [InlineData(" IMDB://TT0133093 ", "imdb://tt0133093", Label = "Guid[] scheme and tt case normalised")]
    [InlineData("com.plexapp.agents.imdb://tt0133093?lang=en", "imdb://tt0133093", Label = "legacy imdb")]
    [InlineData("com.plexapp.agents.themoviedb://603?lang=en", "tmdb://603", Label = "legacy themoviedb")]
    [InlineData("com.plexapp.agents.tmdb://603", "tmdb://603", Label = "legacy tmdb without query")]
    [InlineData("com.plexapp.agents.thetvdb://81189?lang=en", "tvdb://81189", Label = "legacy thetvdb show")]
    [InlineData("com.plexapp.agents.xbmcnfo://tt0133093?lang=en", "imdb://tt0133093", Label = "xbmcnfo imdb")]
    [InlineData("com.plexapp.agents.xbmcnfo://603?lang=en", "tmdb://603", Label = "xbmcnfo digits are tmdb")]
    [InlineData("com.plexapp.agents.xbmcnfotv://81189?lang=en", "tvdb://81189", Label = "xbmcnfotv")]
    [InlineData("com.plexapp.agents.hama://anidb-123?lang=en", "anidb://123", Label = "hama anidb")]
    [InlineData("com.plexapp.agents.hama://anidb2-123?lang=en", "anidb://123", Label = "hama anidb mode 2")]
    [InlineData("com.plexapp.agents.hama://tvdb-81189?lang=en", "tvdb://81189", Label = "hama tvdb")]
    [InlineData("com.plexapp.agents.hama://tvdb2-81189?lang=en", "tvdb://81189", Label = "hama tvdb2")]
    [InlineData("com.plexapp.agents.hama://tvdb4-81189", "tvdb://81189", Label = "hama tvdb4")]
    [InlineData("com.plexapp.agents.hama://tsdb-1399?lang=en", "tmdb://1399", Label = "hama tsdb is tmdb")]
    [InlineData("com.plexapp.agents.hama://tmdb-603?lang=en", "tmdb://603", Label = "hama tmdb")]
    [InlineData("com.plexapp.agents.hama://imdb-tt0133093?lang=en", "imdb://tt0133093", Label = "hama imdb")]
    [InlineData("com.plexapp.agents.ytinforeader://dQw4w9WgXcQ?lang=en", "youtube://dQw4w9WgXcQ", Label = "ytinforeader")]
    [InlineData("com.plexapp.agents.cmdb://12345?lang=en", "cmdb://12345", Label = "legacy cmdb")]
    [InlineData("tv.plex.agents.nfo.movie://movie/imdb_tt1234567", "imdb://tt1234567", Label = "nfo movie imdb")]
    [InlineData("tv.plex.agents.nfo.movie://movie/tmdb_383498", "tmdb://383498", Label = "nfo movie tmdb")]
    [InlineData("tv.plex.agents.nfo.series://show/tvdb_121361", "tvdb://121361", Label = "nfo series tvdb")]
    [InlineData("tv.plex.agents.nfo.movie://movie/youtube_a_b-c", "youtube://a_b-c", Label = "nfo youtube id keeps underscores")]
    public void Each_plex_id_form_yields_its_external_id(string plexGuid, string expected)
    {
        Assert.Equal(expected, PlexGuids.ParsePlexGuid(plexGuid)?.ToString());
        Assert.Equal(expected, Show(PlexGuids.FromPlexGuids(plexGuid, null)));
        Assert.Equal(expected, Show(PlexGuids.FromPlexGuids(null, [plexGuid])));
    }

    [Theory]
    [InlineData("plex://movie/5d7768ba96b655001fdc0408", Label = "plex movie")]
    [InlineData("plex://show/5d9c086c46115600200aa2fe", Label = "plex show")]
    [InlineData("plex://episode/5d9c1275e98e47001eb84029", Label = "plex episode")]
    [InlineData("local://12345", Label = "local")]
    [InlineData("com.plexapp.agents.none://c5e2a1f0a9b8?lang=xn", Label = "legacy none agent")]
    [InlineData("tv.plex.agents.none://12345", Label = "new none agent")]
    [InlineData("com.plexapp.agents.thetvdb://81189/1/3?lang=en", Label = "legacy episode form")]
    [InlineData("com.plexapp.agents.thetvdb://81189/1?lang=en", Label = "legacy season form")]
    [InlineData("com.plexapp.agents.hama://anidb-123/1/3?lang=en", Label = "hama episode form")]
    [InlineData("com.plexapp.agents.lastfm://Artist%20Name?lang=en", Label = "unknown legacy agent")]
    [InlineData("foo://123", Label = "unknown scheme")]
    [InlineData("tvdb://81189/1/3", Label = "Guid[] with a path")]
    [InlineData("imdb://0133093", Label = "imdb without tt")]
    [InlineData("tmdb://abc", Label = "tmdb not digits")]
    [InlineData("tvdb://", Label = "empty value")]
    [InlineData("tvdb://?lang=en", Label = "only a query")]
    [InlineData("imdb", Label = "no scheme")]
    [InlineData("://123", Label = "empty scheme")]
    [InlineData("", Label = "empty")]
    [InlineData("   ", Label = "whitespace")]
    [InlineData("com.plexapp.agents.xbmcnfo://abc?lang=en", Label = "xbmcnfo neither imdb nor digits")]
    [InlineData("com.plexapp.agents.hama://sonarr-5?lang=en", Label = "hama unknown source")]
    [InlineData("com.plexapp.agents.hama://anidb?lang=en", Label = "hama without id")]
    [InlineData("com.plexapp.agents.hama://anidb-abc?lang=en", Label = "hama anidb not digits")]
    [InlineData("tv.plex.agents.nfo.movie://movie/foo_1", Label = "nfo unknown source")]
    [InlineData("tv.plex.agents.nfo.movie://movie/imdb_bad", Label = "nfo malformed imdb")]
    [InlineData("tv.plex.agents.nfo.movie://imdb_tt1234567", Label = "nfo without kind")]
    [InlineData("tv.plex.agents.nfo.movie://movie/imdbtt1234567", Label = "nfo without underscore")]
    public void Forms_without_an_external_id_yield_nothing(string plexGuid)
    {
        Assert.Null(PlexGuids.ParsePlexGuid(plexGuid));
        Assert.Empty(PlexGuids.FromPlexGuids(plexGuid, [plexGuid]));
    }

    [Fact]
    public void Nothing_given_yields_nothing()
    {
        Assert.Null(PlexGuids.ParsePlexGuid(null));
        Assert.Empty(PlexGuids.FromPlexGuids(null, null));
        Assert.Empty(PlexGuids.FromPlexGuids(null, []));
    }

    [Theory]
    [InlineData("tmdb://603 tmdb://602", "tmdb://602", Label = "smaller tmdb later")]
    [InlineData("tmdb://602 tmdb://603", "tmdb://602", Label = "smaller tmdb first")]
    [InlineData("tvdb://10 tvdb://9", "tvdb://9", Label = "numeric not text order")]
    [InlineData("tvdb://0010 tvdb://9", "tvdb://9", Label = "leading zeros ignored")]
    [InlineData("imdb://tt0133094 imdb://tt0133093", "imdb://tt0133093", Label = "imdb by number after tt")]
    [InlineData("tvdb://100000000000000000000 tvdb://99999999999999999999", "tvdb://99999999999999999999", Label = "beyond long range")]
    [InlineData("youtube://bbb youtube://aaa", "youtube://bbb", Label = "non-numeric keeps first")]
    [InlineData("cmdb://x9 cmdb://5", "cmdb://x9", Label = "mixed keeps first")]
    public void Two_ids_for_one_source_keep_the_smaller_number(string entries, string expected) =>
        Assert.Equal(expected, Show(PlexGuids.FromPlexGuids(null, entries.Split(' '))));

    [Fact]
    public void Legacy_guid_and_array_ids_for_one_source_keep_the_smaller_number()
    {
        var ids = PlexGuids.FromPlexGuids("com.plexapp.agents.themoviedb://700?lang=en", ["tmdb://603", "imdb://tt0133093"]);

        Assert.Equal("imdb://tt0133093 tmdb://603", Show(ids));
    }

    [Fact]
    public void Ids_come_in_source_priority_order_with_custom_sources_last()
    {
        var ids = PlexGuids.FromPlexGuids(
            "plex://movie/5d7768ba96b655001fdc0408",
            ["cmdb://c1", "youtube://y1", "anidb://5", "tmdb://603", "tvrage://7", "tvmaze://8", "tvdb://81189", "imdb://tt0133093"]);

        Assert.Equal(
            "imdb://tt0133093 tvdb://81189 tmdb://603 tvmaze://8 tvrage://7 anidb://5 youtube://y1 cmdb://c1",
            Show(ids));
    }

    [Fact]
    public void Unusable_array_entries_do_not_hide_usable_ones()
    {
        var ids = PlexGuids.FromPlexGuids(
            "local://42",
            ["", "plex://movie/1", "imdb://bad", "com.plexapp.agents.thetvdb://81189/1/3", "tmdb://603"]);

        Assert.Equal("tmdb://603", Show(ids));
    }

    [Fact]
    public void Order_matches_provider_id_parsing_for_the_same_ids()
    {
        var plex = PlexGuids.FromPlexGuids(null, ["tmdb://603", "tvdb://81189", "imdb://tt0133093"]);
        var provider = ExternalIds.FromProviderIds(
            [KeyValuePair.Create("Tmdb", (string?)"603"), KeyValuePair.Create("Tvdb", (string?)"81189"), KeyValuePair.Create("Imdb", (string?)"tt0133093")]);

        Assert.Equal(provider, plex);
    }
}
