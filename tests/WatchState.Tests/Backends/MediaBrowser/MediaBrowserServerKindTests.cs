using WatchState.Domain;
using WatchState.Simulator;

namespace WatchState.Tests.Backends.MediaBrowser;

/// <summary>The same client against the server kinds and versions users run.</summary>
public class MediaBrowserServerKindTests
{
    private static CancellationToken Ct => BackendHarness.Ct;

    [Fact]
    public async Task Jellyfin_10_8_works_but_does_not_sync_progress()
    {
        await using var h = await BackendHarness.StartAsync(version: "10.8.13");

        var info = await h.Client().GetInfoAsync(Ct);

        Assert.Equal("10.8.13", info.Version);
        Assert.False(info.SupportsProgress);
        Assert.Equal("Jellyfin 10.8.13 is older than 10.9: resume positions are not synced for this backend (watched state still is)", info.Warning);
    }

    [Fact]
    public async Task Jellyfin_10_11_reports_its_identity_and_syncs_progress()
    {
        await using var h = await BackendHarness.StartAsync(version: "10.11.8");

        var info = await h.Client().GetInfoAsync(Ct);

        Assert.Equal((h.Sim.ServerId, "10.11.8", "Jellyfin Server"), (info.Id, info.Version, info.Product));
        Assert.True(info.SupportsProgress);
        Assert.Null(info.Warning);
    }

    [Fact]
    public async Task Jellyfin_12_without_legacy_authorization_works()
    {
        await using var h = await BackendHarness.StartAsync(version: "12.0.0", legacy: false);
        var client = h.Client();

        var info = await client.GetInfoAsync(Ct);
        var observations = await MediaBrowserImportTests.ReadAllAsync(client);

        Assert.Equal("12.0.0", info.Version);
        Assert.True(info.SupportsProgress);
        Assert.Equal(4, observations.Count);
        Assert.Contains(observations, o => o.Title == "The Matrix" && o.Ids.Contains(new ExternalId("imdb", "tt0133093")));
    }

    [Fact]
    public async Task Emby_works_with_numeric_ids()
    {
        await using var h = await BackendHarness.StartAsync(
            """
            movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z
            show "Breaking Bad" 2008 tvdb=81189
              s01e01 progress=10m
            """,
            MediaBrowserFlavor.Emby);
        var client = h.Client();

        var info = await client.GetInfoAsync(Ct);
        var libraries = await client.GetLibrariesAsync(Ct);
        var observations = await MediaBrowserImportTests.ReadAllAsync(client);

        Assert.Equal("Emby Server", info.Product);
        Assert.True(info.SupportsProgress);
        Assert.All(libraries, l => Assert.True(long.TryParse(l.Id, out _)));
        Assert.All(observations, o => Assert.True(long.TryParse(o.RemoteId, out _)));
        var matrix = Assert.Single(observations, o => o.Title == "The Matrix");
        Assert.Equal(h.Sim.ItemIdOf("The Matrix"), matrix.RemoteId);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 18, 21, 0, TimeSpan.Zero), matrix.PlayedAt);
        var pilot = Assert.Single(observations, o => o.Type == MediaType.Episode);
        Assert.Equal(10 * 60 * 1000, pilot.ProgressMs);
        Assert.Equal([new ExternalId("tvdb", "81189")], pilot.ShowIds);
    }

    [Fact]
    public async Task Emby_under_its_emby_path_prefix_works()
    {
        await using var h = await BackendHarness.StartAsync(flavor: MediaBrowserFlavor.Emby);

        var info = await h.Client(url: new Uri(h.Sim.BaseUrl, "emby")).GetInfoAsync(Ct);

        Assert.Equal(h.Sim.ServerId, info.Id);
        Assert.Contains(h.Sim.RequestLog, r => r.StartsWith("GET /emby/System/Info", StringComparison.OrdinalIgnoreCase));
    }
}
