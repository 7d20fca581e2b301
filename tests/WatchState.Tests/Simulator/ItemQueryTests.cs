using System.Net;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator;

/// <summary>Query semantics of the item listings: paging, counting, field gating, scopes, filters, sorting, routing.</summary>
public sealed class ItemQueryTests
{
    private const string Paged = "sortBy=DateCreated&sortOrder=Ascending&recursive=true&collapseBoxSetItems=false"
        + "&excludeLocationTypes=Virtual&Filters=IsNotFolder&includeItemTypes=Movie,Episode";

    [Fact]
    public async Task Limit_zero_returns_only_the_total()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var count = await client.GetJsonAsync(
            $"Users/{sim.AdminUserId}/items/?{Paged}&parentId={sim.LibraryIdOf("Shows")}&startIndex=0&limit=0");

        Assert.Equal(["Items", "TotalRecordCount", "StartIndex"], JsonShape.Names(count));
        Assert.Empty(count.Items());
        Assert.Equal(2, count.GetProperty("TotalRecordCount").GetInt32());
    }

    [Fact]
    public async Task Paging_a_generated_library_returns_every_item_exactly_once()
    {
        var library = SimLibrary.Generate(3000, seed: 7);
        await using var sim = await Sim.StartAsync(library, MediaBrowserFlavor.Jellyfin);
        using var client = Sim.Client(sim);
        var seen = new List<string>();
        var total = 0;

        foreach (var name in new[] { "Movies", "Shows" })
        {
            var parent = sim.LibraryIdOf(name);
            total += (await client.GetJsonAsync($"Users/{sim.AdminUserId}/items/?{Paged}&parentId={parent}&limit=0"))
                .GetProperty("TotalRecordCount").GetInt32();
            for (var start = 0; ; start += 250)
            {
                var page = await client.GetJsonAsync(
                    $"Users/{sim.AdminUserId}/items/?{Paged}&parentId={parent}&enableUserData=true&fields=ProviderIds,DateCreated&limit=250&startIndex={start}");
                Assert.Equal(start, page.GetProperty("StartIndex").GetInt32());
                var ids = page.Items().Select(i => i.GetProperty("Id").GetString()!).ToList();
                seen.AddRange(ids);
                if (ids.Count < 250)
                {
                    break;
                }
            }
        }

        Assert.Equal(library.VideoCount, total);
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Fields_gate_optional_properties()
    {
        const string library = """movie "Full" 1999 imdb=tt1 original="Voll" overview="Plot." genres=Drama,"Science Fiction" premiered=1999-03-31""";
        await using var sim = await Sim.StartAsync(library);
        using var client = Sim.Client(sim);
        var url = $"Users/{sim.AdminUserId}/Items?Recursive=true&IncludeItemTypes=Movie";
        string[] gated = ["ProviderIds", "Path", "DateCreated", "Genres", "Overview", "OriginalTitle", "SortName", "ParentId"];

        var bare = (await client.GetJsonAsync(url)).Items().Single();
        var full = (await client.GetJsonAsync(url + "&fields=providerIds,PATH,DateCreated&Fields=Genres,Overview,OriginalTitle,SortName,ParentId")).Items().Single();

        Assert.All(gated, name => Assert.False(bare.TryGetProperty(name, out _), name));
        Assert.All(gated, name => Assert.True(full.TryGetProperty(name, out _), name));
        Assert.Equal("Voll", full.GetProperty("OriginalTitle").GetString());
        Assert.Equal(["Drama", "Science Fiction"], full.GetProperty("Genres").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("1999-03-31T00:00:00.0000000Z", bare.GetProperty("PremiereDate").GetString());
        Assert.Equal(1999, bare.GetProperty("ProductionYear").GetInt32());
    }

    [Fact]
    public async Task Disabled_user_data_and_missing_user_leave_user_data_out()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var disabled = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items?Recursive=true&EnableUserData=false");
        var anonymousUser = await client.GetJsonAsync("Items?Recursive=true");

        Assert.All(disabled.Items().Concat(anonymousUser.Items()), i => Assert.False(i.TryGetProperty("UserData", out _)));
        Assert.Equal(6, anonymousUser.GetProperty("TotalRecordCount").GetInt32());
    }

    [Fact]
    public async Task Scopes_follow_the_folder_tree()
    {
        await using var sim = await Sim.StartAsync("""
            show "Two Seasons" 2000 tvdb=1
              s01e01
              s01e02
              s02e01-e02
            """);
        using var client = Sim.Client(sim);
        var series = sim.ItemIdOf("Two Seasons");
        var user = sim.AdminUserId;

        var library = await client.GetJsonAsync($"Users/{user}/Items?ParentId={sim.LibraryIdOf("Shows")}");
        var seasons = await client.GetJsonAsync($"Users/{user}/Items?ParentId={series}");
        var below = await client.GetJsonAsync($"Users/{user}/Items?ParentId={series}&Recursive=true&IncludeItemTypes=Episode");
        var season2 = await client.GetJsonAsync($"Users/{user}/Items?ParentId={seasons.Items().Last().GetProperty("Id").GetString()}");

        Assert.Equal(["Series"], library.Items().Select(i => i.GetProperty("Type").GetString()));
        Assert.Equal(["Season 1", "Season 2"], seasons.Items().Select(i => i.GetProperty("Name").GetString()));
        Assert.Equal(3, below.GetProperty("TotalRecordCount").GetInt32());
        var multi = season2.Items().Single();
        Assert.Equal(1, multi.GetProperty("IndexNumber").GetInt32());
        Assert.Equal(2, multi.GetProperty("IndexNumberEnd").GetInt32());
        Assert.Equal(multi.GetProperty("Id").GetString(), sim.ItemIdOf("Two Seasons S02E02"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusAsync($"Users/{user}/Items?ParentId=0123456789abcdef0123456789abcdef"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusAsync($"Users/0123456789abcdef0123456789abcdef/Items"));
    }

    [Fact]
    public async Task Filters_ids_search_and_sorting_narrow_and_order_the_list()
    {
        const string library = """
            movie "Alpha" 2001 added=2024-03-01T00:00:00Z played=2024-04-01T00:00:00Z
            movie "Bravo" 2002 added=2024-01-01T00:00:00Z progress=10m
            movie "Charlie" 2003 added=2024-02-01T00:00:00Z favorite
            show "Delta" 2004
              s01e01 played=2024-05-01T00:00:00Z
            """;
        await using var sim = await Sim.StartAsync(library);
        using var client = Sim.Client(sim);
        var u = $"Users/{sim.AdminUserId}/Items?Recursive=true";

        async Task<string?[]> Names(string query) =>
            [.. (await client.GetJsonAsync(u + query)).Items().Select(i => i.GetProperty("Name").GetString())];

        Assert.Equal(["Delta S01E01", "Alpha", "Bravo", "Charlie"], await Names("&Filters=IsNotFolder"));
        Assert.Equal(["Season 1", "Delta"], await Names("&Filters=IsFolder"));
        Assert.Equal(["Alpha", "Charlie", "Bravo"], await Names("&IncludeItemTypes=Movie&SortBy=DateCreated,SortName&SortOrder=Descending"));
        Assert.Equal(["Season 1", "Delta S01E01", "Alpha", "Delta"], await Names("&IsPlayed=true"));
        Assert.Equal(["Bravo", "Charlie"], await Names("&IncludeItemTypes=Movie&Filters=IsUnplayed"));
        Assert.Equal(["Bravo"], await Names("&Filters=IsResumable"));
        Assert.Equal(["Charlie"], await Names("&Filters=IsFavorite"));
        Assert.Equal(["Charlie", "Alpha"], await Names($"&Ids={sim.ItemIdOf("Charlie")},{sim.ItemIdOf("Alpha")}"));
        Assert.Equal(["Delta S01E01", "Delta"], await Names("&searchTerm=delta&IncludeItemTypes=Series,Episode"));
        Assert.Empty(await Names("&IncludeItemTypes=BoxSet"));
        Assert.Empty(await Names("&ExcludeLocationTypes=FileSystem"));
    }

    [Fact]
    public async Task Paths_and_query_keys_ignore_case_and_trailing_slashes()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        var a = await client.GetJsonAsync($"users/{sim.AdminUserId}/ITEMS/?RECURSIVE=TRUE&includeitemtypes=movie&LIMIT=1");
        var b = await client.GetJsonAsync($"Users/{sim.AdminUserId.ToUpperInvariant()}/Items?Recursive=true&IncludeItemTypes=Movie&Limit=1");
        var info = await client.GetJsonAsync("system/info/");

        Assert.Equal(2, a.GetProperty("TotalRecordCount").GetInt32());
        Assert.Equal(a.Items().Single().GetProperty("Id").GetString(), b.Items().Single().GetProperty("Id").GetString());
        Assert.Equal(sim.ServerId, info.GetProperty("Id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, await client.StatusAsync($"Users/{sim.AdminUserId}/Items?Recursive=maybe"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusAsync("emby/System/Info"));
    }

    [Fact]
    public async Task Resume_lists_items_with_a_position()
    {
        await using var sim = await Sim.StartAsync("""
            movie "Older" 2000 progress=5m lastplayed=2024-01-01T00:00:00Z
            movie "Newer" 2000 progress=5m lastplayed=2024-02-01T00:00:00Z
            movie "Done" 2000 played=2024-02-01T00:00:00Z
            """);
        using var client = Sim.Client(sim);

        var legacy = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items/Resume?Fields=ProviderIds,Path");
        var modern = await client.GetJsonAsync($"UserItems/Resume?userId={sim.AdminUserId}");

        Assert.Equal(["Newer", "Older"], legacy.Items().Select(i => i.GetProperty("Name").GetString()));
        Assert.Equal(2, modern.GetProperty("TotalRecordCount").GetInt32());
    }

    [Fact]
    public async Task Items_with_the_same_title_still_get_distinct_ids()
    {
        await using var sim = await Sim.StartAsync("""
            movie "Twin" 2000 imdb=tt1
            movie "Twin" 2000 imdb=tt2
            """);
        using var client = Sim.Client(sim);

        var page = await client.GetJsonAsync($"Users/{sim.AdminUserId}/Items?Recursive=true&IncludeItemTypes=Movie&Fields=ProviderIds");

        Assert.Equal(2, page.Items().Select(i => i.GetProperty("Id").GetString()).Distinct().Count());
        Assert.Equal(["tt1", "tt2"], page.Items().Select(i => i.GetProperty("ProviderIds").GetProperty("Imdb").GetString()).Order());
    }
}
