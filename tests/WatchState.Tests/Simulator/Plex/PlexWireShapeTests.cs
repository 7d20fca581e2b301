using System.Text.Json;

namespace WatchState.Tests.Simulator.Plex;

/// <summary>Bodies compared with the captured/derived Plex fixtures: names, order and JSON kinds.</summary>
public sealed class PlexWireShapeTests
{
    private static readonly string[] MovieExtras =
    [
        "Collection", "Country", "Director", "Role", "Writer", "art", "audienceRating", "audienceRatingImage",
        "chapterSource", "contentRating", "primaryExtraKey", "rating", "ratingImage", "studio", "tagline",
    ];

    private static readonly string[] EpisodeExtras =
    [
        "Director", "Role", "Writer", "art", "audienceRating", "audienceRatingImage", "chapterSource", "contentRating",
        "grandparentArt", "grandparentTheme", "parentThumb", "parentYear", "summary", "titleSort", "originallyAvailableAt",
    ];

    [Fact]
    public async Task IdentityAnswersWithoutTokenInTheSpecShape()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = new HttpClient { BaseAddress = sim.BaseUrl };
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        var identity = await client.ContainerAsync("identity");
        JsonShape.AssertSame(PlexSim.Fixture("spec-example.identity.json"), identity);
        Assert.Equal(sim.MachineIdentifier, identity.GetProperty("machineIdentifier").GetString());
        Assert.Matches("^[0-9a-f]{40}$", sim.MachineIdentifier);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+-[0-9a-f]+$", identity.GetProperty("version").GetString());
    }

    [Fact]
    public async Task RootCarriesWhatWatchStateReadsInSpecOrder()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var root = await client.ContainerAsync("");
        var spec = PlexSim.Fixture("spec-example.server-info.json");
        var required = JsonShape.Names(PlexSim.Fixture("server-info.json"));
        JsonShape.AssertSubset(spec, root, [.. JsonShape.Names(spec).Except(required)]);
        Assert.Equal("sim-plex", root.GetProperty("friendlyName").GetString());
        Assert.Equal(sim.MachineIdentifier, root.GetProperty("machineIdentifier").GetString());
    }

    [Fact]
    public async Task SectionsListMovieShowAndMusicLikeTheCapture()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var sections = await client.ContainerAsync("library/sections");
        var fixture = PlexSim.Fixture("library-sections.json");
        JsonShape.AssertSubset(fixture, sections, []);
        foreach (var directory in sections.GetProperty("Directory").EnumerateArray())
        {
            JsonShape.AssertSubset(fixture.GetProperty("Directory")[0], directory, ["art", "composite", "contentChangedAt", "thumb"]);
        }

        Assert.Equal(["movie", "show", "artist"], sections.GetProperty("Directory").EnumerateArray().Select(d => d.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task MoviePageMatchesTheCapturedPage()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var page = await client.ContainerAsync("library/sections/1/all?includeGuids=1&type=1&sort=addedAt&X-Plex-Container-Start=0&X-Plex-Container-Size=1");
        var fixture = PlexSim.Fixture("section-movies-page.json");
        JsonShape.AssertSubset(fixture, page, []);
        JsonShape.AssertSubset(fixture.Item(), page.Item(), MovieExtras);
        Assert.Equal(1, page.GetProperty("size").GetInt32());
        Assert.Equal(2, page.GetProperty("totalSize").GetInt32());
        var movie = page.Item();
        Assert.Equal("Ferengi", movie.GetProperty("title").GetString());
        Assert.Equal(["imdb://tt0000001", "tmdb://1"], movie.GetProperty("Guid").EnumerateArray().Select(g => g.GetProperty("id").GetString()));
        Assert.False(movie.TryGetProperty("viewCount", out _));
        Assert.False(movie.TryGetProperty("lastViewedAt", out _));
        Assert.False(movie.TryGetProperty("viewOffset", out _));
    }

    [Fact]
    public async Task EpisodePageMatchesTheCapturedPage()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var page = await client.ContainerAsync("library/sections/2/all?includeGuids=1&type=4&sort=episode.addedAt&X-Plex-Container-Start=0&X-Plex-Container-Size=1");
        var fixture = PlexSim.Fixture("section-episodes-page.json");
        JsonShape.AssertSubset(fixture, page, []);
        JsonShape.AssertSubset(fixture.Item(), page.Item(), EpisodeExtras);
        var episode = page.Item();
        Assert.Equal(sim.RatingKeyOf("Breaking Bad"), episode.GetProperty("grandparentRatingKey").GetString());
        Assert.Equal("Breaking Bad", episode.GetProperty("grandparentTitle").GetString());
        Assert.Equal((1, 1), (episode.GetProperty("parentIndex").GetInt32(), episode.GetProperty("index").GetInt32()));
        Assert.Equal(1, episode.GetProperty("viewCount").GetInt32());
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 20, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), episode.GetProperty("lastViewedAt").GetInt64());
    }

    [Fact]
    public async Task ShowPageCarriesTheShowGuids()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var page = await client.ContainerAsync("library/sections/2/all?includeGuids=1&type=2");
        var fixture = PlexSim.Fixture("section-shows-page.json");
        JsonShape.AssertSubset(fixture, page, []);
        JsonShape.AssertSubset(fixture.Item(), page.Item(), ["Country", "Role", "art", "audienceRating", "audienceRatingImage",
            "contentRating", "duration", "index", "originalTitle", "skipChildren", "studio", "summary"]);
        var show = page.Item();
        Assert.Equal(["tvdb://81189", "tmdb://1396"], show.GetProperty("Guid").EnumerateArray().Select(g => g.GetProperty("id").GetString()));
        Assert.Equal(3, show.GetProperty("leafCount").GetInt32());
        Assert.Equal(1, show.GetProperty("viewedLeafCount").GetInt32());
    }

    [Fact]
    public async Task MetadataOfWatchedMovieMatchesTheFixture()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var container = await client.ContainerAsync($"library/metadata/{sim.RatingKeyOf("Seen Twice")}?includeGuids=1");
        var fixture = PlexSim.Fixture("metadata-movie-watched.json");
        JsonShape.AssertSubset(fixture, container, []);
        JsonShape.AssertSubset(fixture.Item(), container.Item(), [.. MovieExtras, "Genre", "originallyAvailableAt", "summary"]);
        Assert.Equal(2, container.Item().GetProperty("viewCount").GetInt32());
    }

    [Fact]
    public async Task MetadataOfEpisodeInProgressMatchesTheFixture()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var container = await client.ContainerAsync($"library/metadata/{sim.RatingKeyOf("Breaking Bad S01E02")}?includeGuids=1");
        var fixture = PlexSim.Fixture("metadata-episode-in-progress.json");
        JsonShape.AssertSubset(fixture, container, []);
        JsonShape.AssertSubset(fixture.Item(), container.Item(), [.. EpisodeExtras, "Guid", "lastViewedAt"]);
        Assert.Equal(1_200_000, container.Item().GetProperty("viewOffset").GetInt64());
        Assert.False(container.Item().TryGetProperty("viewCount", out _));
    }

    [Fact]
    public async Task MetadataOfShowMatchesTheFixture()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var container = await client.ContainerAsync($"library/metadata/{sim.RatingKeyOf("Breaking Bad")}?includeGuids=1");
        var fixture = PlexSim.Fixture("metadata-show.json");
        JsonShape.AssertSubset(fixture, container, []);
        JsonShape.AssertSubset(fixture.Item(), container.Item(), null);
    }

    [Fact]
    public async Task GuidArrayOnlyWithIncludeGuids()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        var container = await client.ContainerAsync($"library/metadata/{sim.RatingKeyOf("Ferengi")}");
        Assert.False(container.Item().TryGetProperty("Guid", out _));
        Assert.StartsWith("plex://movie/", container.Item().GetProperty("guid").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyAgentItemsCarryOnlyTheLegacyGuid()
    {
        await using var sim = await PlexSim.StartAsync(legacy: true);
        using var client = PlexSim.Client(sim);
        var movie = (await client.ContainerAsync($"library/metadata/{sim.RatingKeyOf("Ferengi")}?includeGuids=1")).Item();
        Assert.Equal("com.plexapp.agents.imdb://tt0000001?lang=en", movie.GetProperty("guid").GetString());
        Assert.False(movie.TryGetProperty("Guid", out _));
        var episode = (await client.ContainerAsync($"library/metadata/{sim.RatingKeyOf("Breaking Bad S01E01")}?includeGuids=1")).Item();
        Assert.Equal("com.plexapp.agents.thetvdb://81189/1/1?lang=en", episode.GetProperty("guid").GetString());
    }

    [Fact]
    public async Task MultiEpisodeFileIsOneItemWithTheFirstIndex()
    {
        await using var sim = await PlexSim.StartAsync();
        Assert.Equal(sim.RatingKeyOf("Breaking Bad S01E03"), sim.RatingKeyOf("Breaking Bad S01E04"));
        using var client = PlexSim.Client(sim);
        var episode = (await client.ContainerAsync($"library/metadata/{sim.RatingKeyOf("Breaking Bad S01E04")}")).Item();
        Assert.Equal(3, episode.GetProperty("index").GetInt32());
        var file = episode.GetProperty("Media")[0].GetProperty("Part")[0].GetProperty("file").GetString();
        Assert.EndsWith("Breaking Bad - S01E03-E04.mkv", file, StringComparison.Ordinal);
        var all = await client.ContainerAsync("library/sections/2/all?type=4");
        Assert.Equal(3, all.GetProperty("totalSize").GetInt32());
        Assert.Equal(JsonValueKind.Array, all.GetProperty("Metadata").ValueKind);
    }
}
