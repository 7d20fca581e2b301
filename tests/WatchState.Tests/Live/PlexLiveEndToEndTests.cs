using WatchState.Cli;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Live;

/// <summary>The real <c>serve</c> app with live events only: no webhook is configured anywhere.</summary>
public sealed class PlexLiveEndToEndTests
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        """;

    [Fact]
    public async Task A_position_played_on_plex_shows_on_jellyfin_while_it_plays()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(Library) }, ct);
        await using var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(Library) }, ct);
        using var cli = new CliRunner();
        cli.Data.WriteServers($"""
            plex:
              type: plex
              url: {plex.BaseUrl}
              token: {plex.AdminToken}
              uuid: {plex.MachineIdentifier}
            jf:
              type: jellyfin
              url: {jellyfin.BaseUrl}
              token: {jellyfin.ApiKey}
              user: {jellyfin.AdminUserId}
              uuid: {jellyfin.ServerId}

            """);
        var imported = await cli.RunAsync("state:import");
        Assert.True(imported.ExitCode == 0, imported.ToString());

        var host = new CliHost
        {
            Environment = new Dictionary<string, string> { ["WS_DATA_PATH"] = cli.Data.Root, ["WS_LISTEN"] = "http://127.0.0.1:0" },
            CurrentDirectory = cli.Data.Root,
            Out = TextWriter.Null,
            Error = TextWriter.Null,
        };
        await using var app = ServeCommand.Build(await CliStartup.LoadAsync(host, verbose: false, ct));
        await app.StartAsync(ct);
        try
        {
            await WaitUntilAsync(() => plex.LiveConnections == 1, ct);
            var matrix = jellyfin.ItemIdOf("The Matrix");
            Assert.Equal(TimeSpan.Zero, jellyfin.GetPlayState(jellyfin.AdminUserId, matrix).Position);

            plex.StartPlaying("admin", plex.RatingKeyOf("The Matrix"), TimeSpan.FromMinutes(20));

            await WaitUntilAsync(() => jellyfin.GetPlayState(jellyfin.AdminUserId, matrix).Position == TimeSpan.FromMinutes(20), ct);
            Assert.False(jellyfin.GetPlayState(jellyfin.AdminUserId, matrix).Played);
            Assert.Equal(TimeSpan.Zero, jellyfin.GetPlayState(jellyfin.AdminUserId, jellyfin.ItemIdOf("Inception")).Position);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
