using System.Net;
using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator;

/// <summary>The Emby flavour: /emby prefix, numeric ids, Emby's leaner bodies (fixtures/emby).</summary>
public sealed class EmbyTests
{
    private const string AllFields = "Fields=OriginalTitle,DateCreated,SortName,ExternalUrls,Path,Overview,Taglines,Genres,ProviderIds,ParentId";

    private const string Library = """
        movie "Ferengi" 2000 tmdb=1 imdb=tt0000001 original="Ferengi" overview="Plot." genres=Drama premiered=2000-01-01 played=2025-06-12T20:01:02Z
        movie "Half Watched" 2015 tmdb=2 progress=45m runtime=2h lastplayed=2025-06-13T17:17:34Z
        show "Timon" 1995 tvdb=72476 premiered=1995-09-08 overview="Series overview." genres=Animation,Comedy
          s01e01 tvdb=12385 imdb=tt0000011 premiered=1995-09-04 overview="Episode overview." genres=Animation
        """;

    [Fact]
    public async Task Everything_answers_with_and_without_the_emby_prefix()
    {
        await using var sim = await Sim.StartAsync(Library, MediaBrowserFlavor.Emby);
        using var client = Sim.Client(sim);

        var prefixed = await client.GetJsonAsync("emby/System/Info");
        var plain = await client.GetJsonAsync("System/Info");
        var items = await client.GetJsonAsync($"EMBY/Users/{sim.AdminUserId}/Items?Recursive=true");

        Assert.Equal(prefixed.GetRawText(), plain.GetRawText());
        Assert.Equal("4.8.10.0", plain.GetProperty("Version").GetString());
        Assert.Equal(5, items.GetProperty("TotalRecordCount").GetInt32());
        Assert.Contains(sim.RequestLog, line => line.StartsWith("GET /emby/System/Info", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ids_are_numeric_strings_and_libraries_small_numbers()
    {
        await using var sim = await Sim.StartAsync(Library, MediaBrowserFlavor.Emby);
        using var client = Sim.Client(sim);

        var views = await client.GetJsonAsync($"emby/Users/{sim.AdminUserId}/Views");
        var items = await client.GetJsonAsync($"emby/Users/{sim.AdminUserId}/Items?Recursive=true&Fields=ParentId");

        Assert.All(views.Items(), v => Assert.True(int.Parse(v.GetProperty("Id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < 100));
        Assert.All(items.Items(), i => Assert.True(long.TryParse(i.GetProperty("Id").GetString(), out _)));
        Assert.Matches("^[0-9a-f]{32}$", sim.AdminUserId);
        Assert.Matches("^[0-9a-f]{32}$", sim.ServerId);
        var movie = items.Items().First(i => i.GetProperty("Name").GetString() == "Ferengi");
        Assert.Equal(sim.LibraryIdOf("Movies"), movie.GetProperty("ParentId").GetString());
    }

    [Fact]
    public async Task Bodies_have_the_emby_shapes()
    {
        await using var sim = await Sim.StartAsync(Library, MediaBrowserFlavor.Emby);
        using var client = Sim.Client(sim);
        var user = sim.AdminUserId;

        JsonShape.AssertSame(Sim.Fixture("emby/system-info.json"), await client.GetJsonAsync("emby/System/Info"));
        var users = await client.GetJsonAsync("emby/Users");
        JsonShape.AssertSame(Sim.Fixture("emby/users.json")[0], users[0]);
        JsonShape.AssertSame(Sim.Fixture("emby/users.json")[1], users[1]);
        var views = await client.GetJsonAsync($"emby/Users/{user}/Views");
        JsonShape.AssertSubset(Sim.Fixture("emby/user-views.json"), views, []);
        JsonShape.AssertSubset(Sim.Fixture("emby/user-views.json").Items().First(), views.Items().First(), ["PrimaryImageAspectRatio"]);

        var count = await client.GetJsonAsync($"emby/Users/{user}/Items?ParentId={sim.LibraryIdOf("Movies")}&Recursive=true&IncludeItemTypes=Movie&Limit=0");
        JsonShape.AssertSame(Sim.Fixture("emby/items-count.json"), count);
        var movies = await client.GetJsonAsync($"emby/Users/{user}/Items?ParentId={sim.LibraryIdOf("Movies")}&Recursive=true&IncludeItemTypes=Movie&{AllFields}");
        var expectedMovies = Sim.Fixture("emby/items-movies-page.json");
        JsonShape.AssertSubset(expectedMovies.Items().First(), movies.Items().First(), ["PrimaryImageAspectRatio"]);
        JsonShape.AssertSame(expectedMovies.Items().Last().GetProperty("UserData"), movies.Items().Last().GetProperty("UserData"));
        Assert.Equal(37.5, movies.Items().Last().GetProperty("UserData").GetProperty("PlayedPercentage").GetDouble());

        var episodes = await client.GetJsonAsync($"emby/Users/{user}/Items?Recursive=true&IncludeItemTypes=Episode&{AllFields}");
        JsonShape.AssertSubset(Sim.Fixture("emby/items-episodes-page.json").Items().First(), episodes.Items().Single(),
            ["PrimaryImageAspectRatio", "ProductionYear"]);
        var series = await client.GetJsonAsync($"emby/Users/{user}/Items/{sim.ItemIdOf("Timon")}");
        JsonShape.AssertSubset(Sim.Fixture("emby/item-series.json"), series, ["Status"]);
        var movie = await client.GetJsonAsync($"emby/Users/{user}/Items/{sim.ItemIdOf("Ferengi")}");
        JsonShape.AssertSubset(Sim.Fixture("emby/item-movie.json"), movie, ["PrimaryImageAspectRatio"]);
    }

    [Fact]
    public async Task Mark_played_with_an_emby_date_and_unplayed_return_emby_userdata()
    {
        await using var sim = await Sim.StartAsync(Library, MediaBrowserFlavor.Emby);
        using var client = Sim.Client(sim);
        var id = sim.ItemIdOf("Half Watched");

        var played = await client.SendJsonAsync(HttpMethod.Post, $"emby/Users/{sim.AdminUserId}/PlayedItems/{id}?DatePlayed=20250613172000");
        var unplayed = await client.SendJsonAsync(HttpMethod.Delete, $"emby/Users/{sim.AdminUserId}/PlayedItems/{id}");

        Assert.Equal(
            Sim.Fixture("emby/userdata-played.json").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(string.Empty),
            played.GetRawText());
        JsonShape.AssertSame(Sim.Fixture("emby/userdata-unplayed.json"), unplayed);
    }

    [Fact]
    public async Task Legacy_progress_report_moves_the_resume_point()
    {
        await using var sim = await Sim.StartAsync(Library, MediaBrowserFlavor.Emby);
        using var client = Sim.Client(sim);
        var id = sim.ItemIdOf("Half Watched");

        using var response = await client.PostAsync(new Uri(
            $"emby/Users/{sim.AdminUserId}/PlayingItems/{id}/Progress?MediaSourceId={id}&PositionTicks=0&IsPaused=true&PlayMethod=DirectPlay",
            UriKind.Relative), null, Sim.Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TimeSpan.Zero, sim.GetPlayState(sim.AdminUserId, id).Position);
    }

    [Fact]
    public async Task Emby_userdata_has_no_key_or_item_id()
    {
        await using var sim = await Sim.StartAsync(Library, MediaBrowserFlavor.Emby);
        using var client = Sim.Client(sim);

        var data = await client.GetJsonAsync($"emby/Users/{sim.AdminUserId}/Items/{sim.ItemIdOf("Ferengi")}/UserData");

        Assert.Equal(JsonShape.Names(Sim.Fixture("emby/userdata-played.json")), JsonShape.Names(data));
        Assert.Equal(JsonValueKind.String, data.GetProperty("LastPlayedDate").ValueKind);
    }
}
