using System.Text.Json;

namespace WatchState.Tests.Simulator;

/// <summary>Every property name the Jellyfin simulator writes exists in the server's OpenAPI schema, in schema order.</summary>
public sealed class OpenApiConformanceTests
{
    private static readonly Lazy<JsonElement> Schemas = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.SpecPath("jellyfin-openapi-stable.json")));
        return doc.RootElement.GetProperty("components").GetProperty("schemas").Clone();
    });

    private const string Library = """
        movie "Full" 1999 imdb=tt1 tmdb=2 original="Voll" overview="Plot." genres=Drama premiered=1999-03-31 progress=10m
        show "Show" 2000 tvdb=3 overview="Series." genres=Comedy premiered=2000-01-01
          s01e01 tvdb=4 played=2024-01-01T00:00:00Z
          s01e02-e03
        """;

    [Fact]
    public async Task Items_views_and_userdata_use_only_schema_properties_in_schema_order()
    {
        await using var sim = await Sim.StartAsync(Library);
        using var client = Sim.Client(sim);
        var user = sim.AdminUserId;
        var items = new List<JsonElement>();
        items.AddRange((await client.GetJsonAsync($"Users/{user}/Views")).Items());
        var allFields = string.Join(',', "DateCreated,OriginalTitle,Etag,CanDelete,CanDownload,SortName,ExternalUrls,MediaSources,ProductionLocations,Path,EnableMediaSourceDisplay,Overview,Taglines,Genres,PlayAccess,RemoteTrailers,ProviderIds,ParentId,People,Studios,LocalTrailerCount,ChildCount,SpecialFeatureCount,DisplayPreferencesId,Tags,MediaStreams,Chapters,Trickplay,SeriesStudio,Settings,DateLastMediaAdded");
        var page = await client.GetJsonAsync($"Users/{user}/Items?Recursive=true&Fields={allFields}");
        Assert.Equal(5, page.GetProperty("TotalRecordCount").GetInt32());
        AssertConforms("BaseItemDtoQueryResult", page);
        items.AddRange(page.Items());
        foreach (var item in page.Items())
        {
            items.Add(await client.GetJsonAsync($"Users/{user}/Items/{item.GetProperty("Id").GetString()}"));
        }

        foreach (var item in items)
        {
            AssertConforms("BaseItemDto", item);
            AssertConforms("UserItemDataDto", item.GetProperty("UserData"));
            foreach (var url in Array(item, "ExternalUrls"))
            {
                AssertConforms("ExternalUrl", url);
            }

            foreach (var genre in Array(item, "GenreItems"))
            {
                AssertConforms("NameGuidPair", genre);
            }

            foreach (var source in Array(item, "MediaSources"))
            {
                AssertConforms("MediaSourceInfo", source);
            }
        }

        Assert.Contains(items, i => i.TryGetProperty("MediaSources", out _));
        Assert.Contains(items, i => i.TryGetProperty("IndexNumberEnd", out _));
        Assert.Contains(items, i => i.GetProperty("UserData").TryGetProperty("PlayedPercentage", out _));
    }

    [Fact]
    public async Task Users_and_system_info_use_only_schema_properties()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);

        foreach (var user in (await client.GetJsonAsync("Users")).EnumerateArray())
        {
            AssertConforms("UserDto", user);
            AssertConforms("UserConfiguration", user.GetProperty("Configuration"));
            AssertConforms("UserPolicy", user.GetProperty("Policy"));
        }

        // SystemInfo writes its own properties before the inherited ones (as the real 12.0 server does), so only
        // the names are checked there, not the order.
        AssertConforms("SystemInfo", await client.GetJsonAsync("System/Info"), ordered: false);
        AssertConforms("PublicSystemInfo", await client.GetJsonAsync("System/Info/Public"));
    }

    private static List<JsonElement> Array(JsonElement item, string name) =>
        item.TryGetProperty(name, out var array) ? [.. array.EnumerateArray()] : [];

    private static void AssertConforms(string schema, JsonElement actual, bool ordered = true)
    {
        var names = Schemas.Value.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        var actualNames = JsonShape.Names(actual);
        if (ordered)
        {
            JsonShape.AssertOrderedSubset(names, actualNames, schema);
        }
        else
        {
            Assert.Empty(actualNames.Except(names));
        }
    }
}
