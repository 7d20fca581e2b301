using System.Globalization;
using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

/// <summary>A Jellyfin, an Emby and a Plex simulator with the same library, configured in one CLI's servers.yaml.</summary>
internal sealed class ThreeServers : IAsyncDisposable
{
    public const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
          s01e02 runtime=48m
        """;

    private ThreeServers(MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby, PlexSimulator plex)
    {
        Jellyfin = jellyfin;
        Emby = emby;
        Plex = plex;
        Cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {jellyfin.BaseUrl}
              token: {jellyfin.ApiKey}
              user: {jellyfin.AdminUserId}
            emby:
              type: emby
              url: {emby.BaseUrl}
              token: {emby.ApiKey}
              user: {emby.AdminUserId}
            plex:
              type: plex
              url: {plex.BaseUrl}
              token: {plex.AdminToken}

            """);
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public PlexSimulator Plex { get; }

    public CliRunner Cli { get; } = new();

    public static async Task<ThreeServers> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(Library) }, ct);
        var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(Library) }, ct);
        var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(Library) }, ct);
        return new ThreeServers(jellyfin, emby, plex);
    }

    /// <summary>Every write request the three servers have seen, as one list.</summary>
    public IReadOnlyList<string> Writes => [.. Jellyfin.Writes, .. Emby.Writes, .. Plex.Writes];

    public bool PlayedOnJellyfin(string title) => Jellyfin.GetPlayState(Jellyfin.AdminUserId, Jellyfin.ItemIdOf(title)).Played;

    public bool PlayedOnEmby(string title) => Emby.GetPlayState(Emby.AdminUserId, Emby.ItemIdOf(title)).Played;

    /// <summary>Runs a command and fails the test with its output unless it exits with <paramref name="expected"/>.</summary>
    public async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, $"{string.Join(' ', args)}: {result}");
        return result;
    }

    /// <summary>The local item with this display title, as <c>history:list -o json</c> shows it (with each backend's view).</summary>
    public async Task<JsonElement> ItemAsync(string title)
    {
        var listed = await RunAsync(0, "history:list", "--limit", "0", "-o", "json");
        return JsonDocument.Parse(listed.Out).RootElement.EnumerateArray()
            .Single(i => ItemTitle(i) == title).Clone();
    }

    public async Task<string> IdOfAsync(string title) =>
        (await ItemAsync(title)).GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

    private static string ItemTitle(JsonElement item) => item.GetProperty("type").GetString() == "episode"
        ? string.Create(CultureInfo.InvariantCulture, $"{item.GetProperty("seriesTitle").GetString()} S{item.GetProperty("season").GetInt32():00}E{item.GetProperty("episode").GetInt32():00}")
        : item.GetProperty("title").GetString()!;

    public async ValueTask DisposeAsync()
    {
        Cli.Dispose();
        await Jellyfin.DisposeAsync();
        await Emby.DisposeAsync();
        await Plex.DisposeAsync();
    }
}
