using System.Text.Json;
using WatchState.Domain;

namespace WatchState.Tests.DomainTests;

public class ExternalIdsTests
{
    private static IReadOnlyList<ExternalId> Parse(params (string Key, string? Value)[] pairs) =>
        ExternalIds.FromProviderIds(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    [Theory]
    [InlineData("Imdb", "imdb")]
    [InlineData("IMDB", "imdb")]
    [InlineData("imdb", "imdb")]
    [InlineData("Tmdb", "tmdb")]
    [InlineData("MovieDb", "tmdb")]
    [InlineData("TheMovieDb", "tmdb")]
    [InlineData("Tvdb", "tvdb")]
    [InlineData("TheTVDB", "tvdb")]
    [InlineData("Tv Maze", "tvmaze")]
    [InlineData("TVMaze", "tvmaze")]
    [InlineData("tvmaze", "tvmaze")]
    [InlineData("Tv_Maze", "tvmaze")]
    [InlineData("Tv-Maze", "tvmaze")]
    [InlineData("TvRage", "tvrage")]
    [InlineData("AniDB", "anidb")]
    [InlineData("Youtube", "youtube")]
    [InlineData(" Imdb ", "imdb")]
    [InlineData("Provider_imdb", "imdb")]
    [InlineData("provider_tvdb", "tvdb")]
    [InlineData("My Custom-Source", "mycustomsource")]
    public void Source_names_are_normalised(string key, string expected) =>
        Assert.Equal(expected, ExternalIds.NormaliseSource(key));

    [Theory]
    [InlineData("TmdbCollection")]
    [InlineData("Tmdb Collection")]
    [InlineData("Provider_tmdbcollection")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("_-")]
    public void Keys_that_are_not_item_ids_have_no_source(string key) =>
        Assert.Null(ExternalIds.NormaliseSource(key));

    [Fact]
    public void Odd_key_spellings_map_to_the_same_sources()
    {
        var ids = Parse(("Tv Maze", "82"), ("IMDB", "tt0944947"), ("TheTVDB", "121361"), ("MovieDb", "1399"));

        Assert.Equal(
            [new("imdb", "tt0944947"), new("tvdb", "121361"), new("tmdb", "1399"), new("tvmaze", "82")],
            ids);
    }

    [Fact]
    public void Empty_and_whitespace_values_are_skipped()
    {
        var ids = Parse(("Imdb", ""), ("Tmdb", "   "), ("Tvdb", null), ("TvMaze", "5"));

        Assert.Equal([new ExternalId("tvmaze", "5")], ids);
    }

    [Theory]
    [InlineData("Imdb", "0133093")]
    [InlineData("Imdb", "tt")]
    [InlineData("Imdb", "tt01330a93")]
    [InlineData("Imdb", "nm0000206")]
    [InlineData("Tmdb", "abc")]
    [InlineData("Tvdb", "81189/1/1")]
    [InlineData("TvMaze", "-3")]
    [InlineData("TvRage", "1.5")]
    [InlineData("AniDB", "anidb-123")]
    public void Malformed_values_of_known_sources_are_dropped(string key, string value) =>
        Assert.Empty(Parse((key, value)));

    [Theory]
    [InlineData("Imdb", " tt0133093 ", "tt0133093")]
    [InlineData("Imdb", "TT0133093", "tt0133093")]
    [InlineData("Tvdb", "81189", "81189")]
    [InlineData("Youtube", "dQw4w9WgXcQ", "dQw4w9WgXcQ")]
    [InlineData("Zap2It", "EP00012345", "EP00012345")]
    public void Well_formed_values_are_kept_trimmed(string key, string value, string expected) =>
        Assert.Equal(expected, Assert.Single(Parse((key, value))).Value);

    [Fact]
    public void Collection_ids_are_skipped()
    {
        var ids = Parse(("Tmdb", "2"), ("TmdbCollection", "10"), ("Imdb", "tt0000002"));

        Assert.Equal([new("imdb", "tt0000002"), new("tmdb", "2")], ids);
    }

    [Fact]
    public void Ids_are_ordered_by_source_priority_then_custom_by_name()
    {
        var ids = Parse(
            ("Zeta", "z"), ("Youtube", "y"), ("AniDB", "6"), ("TvRage", "5"), ("Alpha", "a"), ("TvMaze", "4"),
            ("Tmdb", "3"), ("Tvdb", "2"), ("Imdb", "tt1"));

        Assert.Equal(
            ["imdb", "tvdb", "tmdb", "tvmaze", "tvrage", "anidb", "youtube", "alpha", "zeta"],
            ids.Select(i => i.Source));
    }

    [Fact]
    public void Duplicate_sources_keep_the_first_value_given()
    {
        var ids = Parse(("MovieDb", "10"), ("Tmdb", "20"), ("TheMovieDb", "30"), ("tvmaze", "1"), ("Tv Maze", "2"));

        Assert.Equal([new("tmdb", "10"), new("tvmaze", "1")], ids);
    }

    [Fact]
    public void A_malformed_first_value_does_not_hide_a_good_later_one()
    {
        var ids = Parse(("Tmdb", "n/a"), ("MovieDb", "603"));

        Assert.Equal([new ExternalId("tmdb", "603")], ids);
    }

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "emby", "jellyfin", "jellyfin-real" })
        {
            foreach (var file in Directory.EnumerateFiles(Fixtures.PathOf(folder), "*.json").Order(StringComparer.Ordinal))
            {
                if (File.ReadAllText(file).Contains("\"ProviderIds\"", StringComparison.Ordinal))
                {
                    data.Add($"{folder}/{Path.GetFileName(file)}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Every_fixture_provider_id_map_parses_to_its_item_ids(string file)
    {
        using var doc = JsonDocument.Parse(Fixtures.Read(file));
        var maps = ProviderIdMaps(doc.RootElement).ToList();
        Assert.NotEmpty(maps);

        foreach (var map in maps)
        {
            var raw = map.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString())).ToList();
            var ids = ExternalIds.FromProviderIds(raw);

            var expected = raw
                .Where(p => !p.Key.Contains("Collection", StringComparison.OrdinalIgnoreCase))
                .Where(p => !string.IsNullOrWhiteSpace(p.Value))
                .ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value);
            Assert.Equal(expected.Count, ids.Count);
            foreach (var id in ids)
            {
                Assert.Equal(expected[id.Source], id.Value);
            }

            var ranks = ids.Select(i => Array.IndexOf(["imdb", "tvdb", "tmdb"], i.Source)).ToList();
            Assert.DoesNotContain(-1, ranks);
            Assert.Equal(ranks.Order(), ranks);
        }
    }

    [Theory]
    [InlineData("jellyfin/item-movie-in-progress.json", "imdb://tt0000002 tmdb://2")]
    [InlineData("jellyfin/item-series.json", "imdb://tt0000003 tvdb://3 tmdb://3")]
    [InlineData("emby/item-episode.json", "imdb://tt0000011 tvdb://12385")]
    [InlineData("emby/item-series.json", "imdb://tt0111998 tvdb://72476 tmdb://3216")]
    public void Fixture_items_yield_their_ids_in_priority_order(string file, string expected)
    {
        using var doc = JsonDocument.Parse(Fixtures.Read(file));
        var map = doc.RootElement.GetProperty("ProviderIds");

        var ids = ExternalIds.FromProviderIds(
            map.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString())));

        Assert.Equal(expected, string.Join(' ', ids));
    }

    [Fact]
    public void Real_jellyfin_listing_gives_folder_name_ids_and_none_for_episodes()
    {
        using var movies = JsonDocument.Parse(Fixtures.Read("jellyfin-real/07-user-items-movies.json"));
        var movieIds = movies.RootElement.GetProperty("Items").EnumerateArray()
            .SelectMany(item => FromElement(item.GetProperty("ProviderIds")))
            .Select(id => id.ToString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(["imdb://tt0133093", "tmdb://27205"], movieIds);

        using var all = JsonDocument.Parse(Fixtures.Read("jellyfin-real/09-items-all-movies-episodes.json"));
        var episodes = all.RootElement.GetProperty("Items").EnumerateArray()
            .Where(item => item.GetProperty("Type").GetString() == "Episode")
            .ToList();
        Assert.NotEmpty(episodes);
        Assert.All(episodes, e => Assert.Empty(FromElement(e.GetProperty("ProviderIds"))));
    }

    private static IReadOnlyList<ExternalId> FromElement(JsonElement map) =>
        ExternalIds.FromProviderIds(map.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString())));

    private static IEnumerable<JsonElement> ProviderIdMaps(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "ProviderIds" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    yield return property.Value;
                }
                else
                {
                    foreach (var inner in ProviderIdMaps(property.Value))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in ProviderIdMaps(item))
                {
                    yield return inner;
                }
            }
        }
    }
}
