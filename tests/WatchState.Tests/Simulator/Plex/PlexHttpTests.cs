using System.Net;
using System.Xml.Linq;
using WatchState.Simulator;

namespace WatchState.Tests.Simulator.Plex;

/// <summary>Transport rules: token check, XML by default, paging by header or query.</summary>
public sealed class PlexHttpTests
{
    private static CancellationToken Ct => PlexSim.Ct;

    [Theory]
    [InlineData("wrong-token")]
    [InlineData(null)]
    public async Task BadOrMissingTokenGetsTheHtml401(string? token)
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = new HttpClient { BaseAddress = sim.BaseUrl };
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Plex-Token", token);
        }

        using var response = await client.GetAsync(new Uri("library/sections", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Fixtures.Read("plex/error-401.html").Trim(), await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task TokenMayComeAsQueryParameter()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = new HttpClient { BaseAddress = sim.BaseUrl };
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        var root = await client.ContainerAsync("?X-Plex-Token=" + sim.AdminToken);
        Assert.Equal(sim.MachineIdentifier, root.GetProperty("machineIdentifier").GetString());
    }

    [Fact]
    public async Task WithoutAcceptJsonTheAnswerIsXml()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim, json: false);
        using var response = await client.GetAsync(new Uri("library/sections/2/all?type=4&includeGuids=1", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = doc.Root!;
        Assert.Equal("MediaContainer", root.Name.LocalName);
        Assert.Equal("3", (string?)root.Attribute("totalSize"));
        var videos = root.Elements("Video").ToList();
        Assert.Equal(3, videos.Count);
        var pilot = videos.Single(v => (string?)v.Attribute("ratingKey") == sim.RatingKeyOf("Breaking Bad S01E01"));
        Assert.Equal("1", (string?)pilot.Attribute("viewCount"));
        Assert.Equal("imdb://tt0959621", (string?)pilot.Elements("Guid").First().Attribute("id"));
        Assert.EndsWith(".mkv", (string?)pilot.Element("Media")!.Element("Part")!.Attribute("file"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountProbeReadsTheTotalFromHeadersWithAnEmptyBody()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri("library/sections/1/all?includeGuids=1&type=1&sort=addedAt&X-Plex-Container-Start=0&X-Plex-Container-Size=1000", UriKind.Relative));
        request.Headers.Add("X-Plex-Container-Start", "0");
        request.Headers.Add("X-Plex-Container-Size", "0");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal("2", response.Headers.GetValues("X-Plex-Container-Total-Size").Single());
        Assert.Equal("0", response.Headers.GetValues("X-Plex-Container-Start").Single());
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var container = doc.RootElement.GetProperty("MediaContainer");
        PlexSim.AssertSameNames(PlexSim.Fixture("section-count-size0.json"), container);
        Assert.Equal(0, container.GetProperty("size").GetInt32());
        Assert.Equal(2, container.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task PagingWorksFromTheQueryAlone()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = new HttpClient { BaseAddress = sim.BaseUrl };
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        client.DefaultRequestHeaders.Add("X-Plex-Token", sim.AdminToken);
        var page = await client.ContainerAsync("library/sections/1/all?type=1&sort=addedAt&X-Plex-Container-Start=1&X-Plex-Container-Size=1");
        Assert.Equal((1, 1, 2), (page.GetProperty("offset").GetInt32(), page.GetProperty("size").GetInt32(), page.GetProperty("totalSize").GetInt32()));
        Assert.Equal("Seen Twice", page.Item().GetProperty("title").GetString());
    }

    [Fact]
    public async Task PagingHeadersWinOverTheQuery()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri("library/sections/1/all?type=1&sort=addedAt&X-Plex-Container-Start=0&X-Plex-Container-Size=1000", UriKind.Relative));
        request.Headers.Add("X-Plex-Container-Start", "1");
        request.Headers.Add("X-Plex-Container-Size", "1");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal("1", response.Headers.GetValues("X-Plex-Container-Start").Single());
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var titles = doc.RootElement.GetProperty("MediaContainer").GetProperty("Metadata").EnumerateArray().Select(m => m.GetProperty("title").GetString());
        Assert.Equal(["Seen Twice"], titles);
    }

    [Fact]
    public async Task UnknownItemIsAnHtml404()
    {
        await using var sim = await PlexSim.StartAsync();
        using var client = PlexSim.Client(sim);
        using var response = await client.GetAsync(new Uri("library/metadata/999999?includeGuids=1", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LargeGeneratedLibraryPagesCompletelyAndStably()
    {
        var library = SimLibrary.Generate(100_000);
        await using var sim = await PlexSim.StartAsync(library);
        using var client = PlexSim.Client(sim);
        var seen = new HashSet<string>();
        foreach (var (section, type, sort) in new[] { (1, 1, "addedAt"), (2, 4, "episode.addedAt") })
        {
            for (var start = 0; ; start += 5000)
            {
                var page = await client.ContainerAsync($"library/sections/{section}/all?includeGuids=1&type={type}&sort={sort}&X-Plex-Container-Start={start}&X-Plex-Container-Size=5000");
                foreach (var item in page.GetProperty("Metadata").EnumerateArray())
                {
                    Assert.True(seen.Add(item.GetProperty("ratingKey").GetString()!));
                }

                if (start + 5000 >= page.GetProperty("totalSize").GetInt32())
                {
                    break;
                }
            }
        }

        Assert.Equal(library.VideoCount, seen.Count);
    }
}
