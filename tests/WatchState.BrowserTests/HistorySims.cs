using Microsoft.Extensions.DependencyInjection;
using WatchState.Scheduling;
using WatchState.Simulator;

namespace WatchState.BrowserTests;

/// <summary>
/// A Jellyfin and an Emby simulator holding the same small, realistic library with different play states, and the
/// servers.yaml that points the UI server at them.
/// </summary>
public sealed class HistorySims : IAsyncDisposable
{
    /// <summary>17 playable items: 5 movies and 12 episodes of two shows.</summary>
    public const string JellyfinLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m played=2026-10-02T20:15:00Z
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m progress=1h12m
        movie "Arrival" 2016 imdb=tt2543164 runtime=1h56m
        movie "Spirited Away" 2001 imdb=tt0245429 runtime=2h5m played=2026-09-14T18:00:00Z
        movie "Heat" 1995 imdb=tt0113277 runtime=2h50m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232 title="Pilot" played=2026-08-01T21:00:00Z
          s01e02 tvdb=349233 title="Cat's in the Bag..." played=2026-08-02T21:00:00Z
          s01e03 tvdb=349234 title="...And the Bag's in the River" progress=21m
          s01e04 tvdb=349235 title="Cancer Man"
          s01e05 tvdb=349236 title="Gray Matter"
          s01e06 tvdb=349237 title="Crazy Handful of Nothin'"
          s01e07 tvdb=349238 title="A No-Rough-Stuff-Type Deal"
        show "Severance" 2022 tvdb=371980
          s01e01 tvdb=8523389 title="Good News About Hell" played=2026-10-20T22:00:00Z
          s01e02 tvdb=8523390 title="Half Loop"
          s01e03 tvdb=8523391 title="In Perpetuity"
          s01e04 tvdb=8523392 title="The You You Are"
          s01e05 tvdb=8523393 title="The Grim Barbarity of Optics and Design"
        """;

    /// <summary>The same media; Emby saw fewer plays.</summary>
    public const string EmbyLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m played=2026-10-02T20:15:00Z
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        movie "Arrival" 2016 imdb=tt2543164 runtime=1h56m
        movie "Spirited Away" 2001 imdb=tt0245429 runtime=2h5m
        movie "Heat" 1995 imdb=tt0113277 runtime=2h50m
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232 title="Pilot" played=2026-08-01T21:00:00Z
          s01e02 tvdb=349233 title="Cat's in the Bag..."
          s01e03 tvdb=349234 title="...And the Bag's in the River"
          s01e04 tvdb=349235 title="Cancer Man"
          s01e05 tvdb=349236 title="Gray Matter"
          s01e06 tvdb=349237 title="Crazy Handful of Nothin'"
          s01e07 tvdb=349238 title="A No-Rough-Stuff-Type Deal"
        show "Severance" 2022 tvdb=371980
          s01e01 tvdb=8523389 title="Good News About Hell"
          s01e02 tvdb=8523390 title="Half Loop"
          s01e03 tvdb=8523391 title="In Perpetuity"
          s01e04 tvdb=8523392 title="The You You Are"
          s01e05 tvdb=8523393 title="The Grim Barbarity of Optics and Design"
        """;

    public const int ItemCount = 17;

    private HistorySims(MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby)
    {
        Jellyfin = jellyfin;
        Emby = emby;
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public string ServersYaml => $"""
        jellyfin:
          type: jellyfin
          url: {Jellyfin.BaseUrl}
          token: {Jellyfin.ApiKey}
          user: {Jellyfin.AdminUserId}
        emby:
          type: emby
          url: {Emby.BaseUrl}
          token: {Emby.ApiKey}
          user: {Emby.AdminUserId}

        """;

    public static async Task<HistorySims> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(JellyfinLibrary) }, ct);
        var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(EmbyLibrary) }, ct);
        return new HistorySims(jellyfin, emby);
    }

    /// <summary>Runs the import task through the app's own runner (the Tasks page's "run now" does the same).</summary>
    public static async Task ImportAsync(UiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var result = await server.App.Services.GetRequiredService<TaskRunner>()
            .RunAsync("import", TaskTrigger.Manual, TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == "ok", $"import: {result.Outcome}: {result.Message}");
    }

    public bool PlayedOnJellyfin(string title) => Jellyfin.GetPlayState(Jellyfin.AdminUserId, Jellyfin.ItemIdOf(title)).Played;

    public bool PlayedOnEmby(string title) => Emby.GetPlayState(Emby.AdminUserId, Emby.ItemIdOf(title)).Played;

    /// <summary>Waits (generously: two cores are shared) until <paramref name="condition"/> holds; no timing is asserted.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), $"timed out waiting until {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await Jellyfin.DisposeAsync();
        await Emby.DisposeAsync();
    }
}
