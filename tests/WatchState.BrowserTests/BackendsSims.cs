using Microsoft.Extensions.DependencyInjection;
using WatchState.Configuration;
using WatchState.Simulator;

namespace WatchState.BrowserTests;

/// <summary>Simulated Jellyfin, Emby and Plex servers (and plex.tv) for the backend pages' tests.</summary>
internal sealed class BackendsSims : IAsyncDisposable
{
    public const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 @alice:played=2024-03-01T00:00:00Z @kid:progress=5m
        movie "Inception" 2010 imdb=tt1375666
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 runtime=58m
        """;

    private readonly List<IAsyncDisposable> _servers = [];

    public MediaBrowserSimulator? Jellyfin { get; private set; }

    public MediaBrowserSimulator? Emby { get; private set; }

    public PlexSimulator? Plex { get; private set; }

    public PlexTvSimulator? PlexTv { get; private set; }

    public static async Task<BackendsSims> StartAsync(bool jellyfin = true, bool emby = false, bool plex = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var sims = new BackendsSims();
        if (jellyfin)
        {
            sims.Jellyfin = await MediaBrowserSimulator.StartAsync(
                new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, ServerName = "Living room", Library = SimLibrary.Parse(Library) }, ct);
            sims._servers.Add(sims.Jellyfin);
        }

        if (emby)
        {
            sims.Emby = await MediaBrowserSimulator.StartAsync(
                new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, ServerName = "Attic", Library = SimLibrary.Parse(Library) }, ct);
            sims._servers.Add(sims.Emby);
        }

        if (plex)
        {
            sims.Plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(Library), ServerName = "Hera" }, ct);
            sims.PlexTv = await PlexTvSimulator.StartAsync(
                sims.Plex, new PlexTvSimulatorOptions { SharedUsers = ["alice"], Pins = new Dictionary<string, string> { ["kid"] = "1234" } }, ct);
            sims._servers.Add(sims.PlexTv);
            sims._servers.Add(sims.Plex);
        }

        return sims;
    }

    /// <summary>WS_PLEXTV_URL pointing at the fake plex.tv, for <see cref="UiServer.StartAsync"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        PlexTv is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["WS_PLEXTV_URL"] = PlexTv.BaseUrl.ToString() };

    /// <summary>servers.yaml with every started server as an already added backend (jf, emby, plex).</summary>
    public string ServersYaml()
    {
        var yaml = "";
        if (Jellyfin is not null)
        {
            yaml += $"""
                jf:
                  type: jellyfin
                  url: {Jellyfin.BaseUrl}
                  token: {Jellyfin.ApiKey}
                  user: {Jellyfin.AdminUserId}

                """;
        }

        if (Emby is not null)
        {
            yaml += $"""
                emby:
                  type: emby
                  url: {Emby.BaseUrl}
                  token: {Emby.ApiKey}
                  user: {Emby.AdminUserId}
                  export:
                    enabled: false

                """;
        }

        if (Plex is not null)
        {
            yaml += $"""
                plex:
                  type: plex
                  url: {Plex.BaseUrl}
                  token: {Plex.AdminToken}
                  user: "11111111"
                  options:
                    LIVE: false

                """;
        }

        return yaml;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}

internal static class BackendsServerExtensions
{
    /// <summary>servers.yaml as the app reads it now.</summary>
    public static Task<IReadOnlyList<BackendConfig>> BackendsAsync(this UiServer server) =>
        server.App.Services.GetRequiredService<ServersFile>().LoadAsync(TestContext.Current.CancellationToken);
}
