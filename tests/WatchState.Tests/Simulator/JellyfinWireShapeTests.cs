using System.Text.Json;
using System.Text.RegularExpressions;

namespace WatchState.Tests.Simulator;

/// <summary>The simulator's bodies against the ones recorded from a real Jellyfin 12 server (fixtures/jellyfin-real).</summary>
public sealed partial class JellyfinWireShapeTests
{
    private const string Fields = "Fields=ProviderIds%2CDateCreated%2CPath";

    [Fact]
    public async Task Public_and_full_system_info_have_the_recorded_shape()
    {
        await using var sim = await Sim.StartAsync(version: "12.0.0");
        using var client = Sim.Client(sim);

        var pub = await Sim.Anonymous(sim).GetJsonAsync("System/Info/Public");
        var info = await client.GetJsonAsync("System/Info");

        JsonShape.AssertSame(Sim.Fixture("jellyfin-real/01-system-info-public.json"), pub);
        JsonShape.AssertSame(Sim.Fixture("jellyfin-real/02-system-info.json"), info);
        Assert.Equal(sim.ServerId, info.GetProperty("Id").GetString());
        Assert.Equal("12.0.0", info.GetProperty("Version").GetString());
        Assert.Equal(sim.BaseUrl.GetLeftPart(UriPartial.Authority), pub.GetProperty("LocalAddress").GetString());
    }

    [Fact]
    public async Task Users_have_the_recorded_shape_with_admin_first()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var users = await client.GetJsonAsync("Users");
        var expected = Sim.Fixture("jellyfin-real/39-users-after-alice.json");

        Assert.Equal(2, users.GetArrayLength());
        JsonShape.AssertSame(expected[0], users[0]);
        JsonShape.AssertSame(expected[1], users[1]);
        Assert.Equal(sim.AdminUserId, users[0].GetProperty("Id").GetString());
        Assert.True(users[0].GetProperty("Policy").GetProperty("IsAdministrator").GetBoolean());
        Assert.False(users[1].GetProperty("Policy").GetProperty("IsAdministrator").GetBoolean());
        Assert.Equal(sim.UserIdOf("alice"), users[1].GetProperty("Id").GetString());
        var single = await client.GetJsonAsync($"Users/{sim.UserIdOf("alice")}");
        JsonShape.AssertSame(expected[1], single);
    }

    [Theory]
    [InlineData("Users/{0}/Views")]
    [InlineData("UserViews?userId={0}")]
    [InlineData("Users/{0}/Items")]
    public async Task User_views_list_three_libraries_in_the_recorded_shape(string route)
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var views = await client.GetJsonAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, sim.AdminUserId));
        var expected = Sim.Fixture("jellyfin-real/06-user-views.json");

        Assert.Equal(JsonShape.Names(expected), JsonShape.Names(views));
        Assert.Equal(["movies", "tvshows", "music"], views.Items().Select(v => v.GetProperty("CollectionType").GetString()));
        foreach (var view in views.Items())
        {
            JsonShape.AssertSame(expected.Items().First(), view);
        }

        Assert.Equal(3, views.GetProperty("TotalRecordCount").GetInt32());
        Assert.Equal(2, views.Items().First().GetProperty("ChildCount").GetInt32());
    }

    [Fact]
    public async Task Movie_library_page_matches_the_recorded_page_item_by_item()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var page = await client.GetJsonAsync(
            $"Users/{sim.AdminUserId}/Items?ParentId={sim.LibraryIdOf("Movies")}&Recursive=true&IncludeItemTypes=Movie%2CEpisode&{Fields}&EnableUserData=true");

        AssertSamePage(Sim.Fixture("jellyfin-real/07-user-items-movies.json"), page);
        Assert.Equal(["Inception", "The Matrix"], page.Items().Select(i => i.GetProperty("Name").GetString()));
        Assert.Equal("tt0133093", page.Items().Last().GetProperty("ProviderIds").GetProperty("Imdb").GetString());
        Assert.Equal("tt0133093", page.Items().Last().GetProperty("UserData").GetProperty("Key").GetString());
        Assert.Equal("27205", page.Items().First().GetProperty("UserData").GetProperty("Key").GetString());
    }

    [Fact]
    public async Task Show_library_page_matches_the_recorded_episodes()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var page = await client.GetJsonAsync(
            $"Users/{sim.AdminUserId}/Items?ParentId={sim.LibraryIdOf("Shows")}&Recursive=true&IncludeItemTypes=Movie%2CEpisode&{Fields}&EnableUserData=true");

        AssertSamePage(Sim.Fixture("jellyfin-real/08-user-items-shows.json"), page);
        var first = page.Items().First();
        Assert.Equal(sim.ItemIdOf("Breaking Bad"), first.GetProperty("SeriesId").GetString());
        Assert.Equal("81189001001", first.GetProperty("UserData").GetProperty("Key").GetString());
        Assert.Equal("Season 1", first.GetProperty("SeasonName").GetString());
    }

    [Fact]
    public async Task Items_route_without_parent_lists_episodes_then_movies_like_the_real_server()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var all = await client.GetJsonAsync($"Items?userId={sim.AdminUserId}&Recursive=true&IncludeItemTypes=Movie%2CEpisode&{Fields}");
        var folders = await client.GetJsonAsync($"Items?userId={sim.AdminUserId}&Recursive=true&IncludeItemTypes=Series%2CSeason&{Fields}");

        AssertSamePage(Sim.Fixture("jellyfin-real/09-items-all-movies-episodes.json"), all);
        AssertSamePage(Sim.Fixture("jellyfin-real/10-items-series-seasons.json"), folders);
        var series = folders.Items().Single(i => i.GetProperty("Type").GetString() == "Series");
        Assert.Equal("81189", series.GetProperty("ProviderIds").GetProperty("Tvdb").GetString());
        Assert.Equal(2, series.GetProperty("UserData").GetProperty("UnplayedItemCount").GetInt32());
    }

    [Fact]
    public async Task Single_movie_and_episode_carry_the_recorded_properties()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var movie = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items/{sim.ItemIdOf("The Matrix")}");
        var episode = await client.GetJsonAsync($"Items/{sim.ItemIdOf("Breaking Bad S01E01")}?userId={sim.AdminUserId}");

        string[] omitted = ["Width", "Height"];
        JsonShape.AssertSubset(Sim.Fixture("jellyfin-real/11-user-item-movie-matrix.json"), movie, omitted);
        JsonShape.AssertSubset(Sim.Fixture("jellyfin-real/12-user-item-episode.json"), episode, omitted);
        Assert.Equal("https://www.imdb.com/title/tt0133093", movie.GetProperty("ExternalUrls")[0].GetProperty("Url").GetString());
        Assert.Equal(sim.ItemIdOf("Breaking Bad S01E01"), episode.GetProperty("Id").GetString());
    }

    [Fact]
    public async Task Dates_follow_the_servers_converter()
    {
        const string library = """
            movie "Whole" 2000 added=2024-01-05T18:21:00Z
            movie "Fraction" 2000 added=2024-11-21T21:04:49.571Z
            movie "Ticks" 2000 added=2024-11-21T21:04:52.4030928Z
            """;
        await using var sim = await Sim.StartAsync(library);
        using var client = Sim.Client(sim);

        var page = await client.GetJsonAsync($"Items?userId={sim.AdminUserId}&Recursive=true&Fields=DateCreated&SortBy=DateCreated");

        Assert.Equal(
            ["2024-01-05T18:21:00.0000000Z", "2024-11-21T21:04:49.571Z", "2024-11-21T21:04:52.4030928Z"],
            page.Items().Select(i => i.GetProperty("DateCreated").GetString()));
    }

    [Fact]
    public async Task Ids_are_32_lower_case_hex()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var all = await client.GetJsonAsync($"Items?userId={sim.AdminUserId}&Recursive=true");

        Assert.All(all.Items().Select(i => i.GetProperty("Id").GetString()!).Append(sim.ServerId).Append(sim.AdminUserId),
            id => Assert.Matches(Hex32(), id));
        Assert.Equal(6, all.GetProperty("TotalRecordCount").GetInt32());
    }

    private static void AssertSamePage(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(JsonShape.Names(expected), JsonShape.Names(actual));
        var expectedItems = expected.Items().ToList();
        var actualItems = actual.Items().ToList();
        Assert.Equal(expectedItems.Select(i => i.GetProperty("Type").GetString()), actualItems.Select(i => i.GetProperty("Type").GetString()));
        for (var i = 0; i < expectedItems.Count; i++)
        {
            JsonShape.AssertSame(expectedItems[i], actualItems[i], $"Items[{i}]");
        }

        Assert.Equal(expected.GetProperty("TotalRecordCount").GetInt32(), actual.GetProperty("TotalRecordCount").GetInt32());
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex32();
}
