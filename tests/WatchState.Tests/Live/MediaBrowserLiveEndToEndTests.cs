using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Cli;
using WatchState.Live;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Live;

/// <summary>
/// Black-box: a Jellyfin and an Emby simulator, both imported, then the real <c>serve</c> with no webhook
/// configured anywhere: what happens on Jellyfin reaches Emby through Jellyfin's web socket alone.
/// </summary>
public sealed class MediaBrowserLiveEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private readonly CliRunner _cli = new();
    private MediaBrowserSimulator _jellyfin = null!;
    private MediaBrowserSimulator _emby = null!;
    private WebApplication _serve = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(ThreeServers.Library) }, Ct);
        _emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(ThreeServers.Library) }, Ct);
        _cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {_jellyfin.BaseUrl}
              token: {_jellyfin.ApiKey}
              user: {_jellyfin.AdminUserId}
              uuid: {_jellyfin.ServerId}
            emby:
              type: emby
              url: {_emby.BaseUrl}
              token: {_emby.ApiKey}
              user: {_emby.AdminUserId}
              uuid: {_emby.ServerId}

            """);
        var imported = await _cli.RunAsync("state:import");
        Assert.True(imported.ExitCode == 0, imported.ToString());

        var host = new CliHost
        {
            Environment = new Dictionary<string, string> { ["WS_DATA_PATH"] = _cli.Data.Root, ["WS_LISTEN"] = "http://127.0.0.1:0" },
            CurrentDirectory = _cli.Data.Root,
            Out = TextWriter.Null,
            Error = TextWriter.Null,
        };
        _serve = ServeCommand.Build(await CliStartup.LoadAsync(host, verbose: false, Ct));
        await _serve.StartAsync(Ct);

        // Connected on our side may come before the server has taken the socket in.
        await WaitUntilAsync(() => Status("jf") is { Connected: true } && Status("emby") is { Connected: true }
            && _jellyfin.SocketCount == 1 && _emby.SocketCount == 1);
    }

    public async ValueTask DisposeAsync()
    {
        await _serve.StopAsync(CancellationToken.None);
        await _serve.DisposeAsync();
        await _jellyfin.DisposeAsync();
        await _emby.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    [Fact]
    public async Task Marked_played_on_jellyfin_becomes_played_on_emby_without_a_webhook()
    {
        Assert.False(_emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf("Inception")).Played);

        _jellyfin.MarkPlayed(_jellyfin.AdminUserId, _jellyfin.ItemIdOf("Inception"), new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero));

        await WaitUntilAsync(() => _emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf("Inception")).Played);
        Assert.False(_emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf("The Matrix")).Played);
    }

    [Fact]
    public async Task A_position_while_playing_on_jellyfin_shows_on_emby_during_the_play()
    {
        var matrix = _jellyfin.ItemIdOf("The Matrix");

        _jellyfin.StartPlaying(_jellyfin.AdminUserId, matrix, TimeSpan.FromMinutes(42));

        await WaitUntilAsync(() => _emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf("The Matrix")).Position == TimeSpan.FromMinutes(42));

        // The position came from Jellyfin: nothing is written back there.
        Assert.Empty(_jellyfin.Writes);
        Assert.False(_emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf("The Matrix")).Played);
    }

    [Fact]
    public async Task After_the_server_restarts_the_listener_connects_again_and_events_flow()
    {
        _jellyfin.RefuseSockets = true;
        await _jellyfin.CloseSocketsAsync(Ct);
        await WaitUntilAsync(() => Status("jf") is { Connected: false });

        _jellyfin.RefuseSockets = false;
        await WaitUntilAsync(() => Status("jf") is { Connected: true } && _jellyfin.SocketCount == 1);
        _jellyfin.MarkPlayed(_jellyfin.AdminUserId, _jellyfin.ItemIdOf("Breaking Bad S01E01"), new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero));

        await WaitUntilAsync(() => _emby.GetPlayState(_emby.AdminUserId, _emby.ItemIdOf("Breaking Bad S01E01")).Played);
    }

    private LiveConnection? Status(string backend) => _serve.Services.GetRequiredService<LiveStatus>().Find(backend);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Generous);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
