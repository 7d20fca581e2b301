using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Identities;
using WatchState.Simulator;
using WatchState.Sync;

namespace WatchState.BrowserTests;

/// <summary>
/// A household on three servers: admin, alice and bob everywhere; carol on Jellyfin and, as "Caz", on Emby only.
/// Alice watched The Matrix, Bob Inception, Carol Arrival; the admin watched Heat. Bob's Plex profile has a PIN.
/// </summary>
public sealed class IdentitiesSims : IAsyncDisposable
{
    public const string JellyfinLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m @alice:played=2026-10-02T20:15:00Z
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m @bob:played=2026-10-05T21:00:00Z
        movie "Arrival" 2016 imdb=tt2543164 runtime=1h56m @carol:played=2026-10-07T19:30:00Z
        movie "Heat" 1995 imdb=tt0113277 runtime=2h50m played=2026-09-20T20:00:00Z
        movie "Spirited Away" 2001 imdb=tt0245429 runtime=2h5m
        """;

    public const string EmbyLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m @Bob:played=2026-10-05T21:00:00Z
        movie "Arrival" 2016 imdb=tt2543164 runtime=1h56m @Caz:played=2026-10-07T19:30:00Z
        movie "Heat" 1995 imdb=tt0113277 runtime=2h50m
        movie "Spirited Away" 2001 imdb=tt0245429 runtime=2h5m
        """;

    public const string PlexLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m @alice:played=2026-10-02T20:15:00Z
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m @bob:played=2026-10-05T21:00:00Z
        movie "Arrival" 2016 imdb=tt2543164 runtime=1h56m
        movie "Heat" 1995 imdb=tt0113277 runtime=2h50m
        movie "Spirited Away" 2001 imdb=tt0245429 runtime=2h5m
        """;

    public const int ItemCount = 5;

    /// <summary>Bob's Plex Home profile is protected by this PIN.</summary>
    public const string BobsPin = "2468";

    private IdentitiesSims(MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby, PlexSimulator plex, PlexTvSimulator plexTv)
    {
        Jellyfin = jellyfin;
        Emby = emby;
        Plex = plex;
        PlexTv = plexTv;
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public PlexSimulator Plex { get; }

    public PlexTvSimulator PlexTv { get; }

    /// <summary>WS_PLEXTV_URL pointing at the fake plex.tv (Plex lists its users there).</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["WS_PLEXTV_URL"] = PlexTv.BaseUrl.ToString() };

    public string ServersYaml => $"""
        jf:
          type: jellyfin
          url: {Jellyfin.BaseUrl}
          token: {Jellyfin.ApiKey}
          user: {Jellyfin.AdminUserId}
        emby:
          type: emby
          url: {Emby.BaseUrl}
          token: {Emby.ApiKey}
          user: {Emby.AdminUserId}
        plex:
          type: plex
          url: {Plex.BaseUrl}
          token: {Plex.AdminToken}

        """;

    public static async Task<IdentitiesSims> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, ServerName = "Living Room", Library = SimLibrary.Parse(JellyfinLibrary) }, ct);
        var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, ServerName = "Den", Library = SimLibrary.Parse(EmbyLibrary) }, ct);
        var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(PlexLibrary) }, ct);
        var plexTv = await PlexTvSimulator.StartAsync(plex, new PlexTvSimulatorOptions { Pins = new Dictionary<string, string> { ["bob"] = BobsPin } }, ct);
        return new IdentitiesSims(jellyfin, emby, plex, plexTv);
    }

    public Task<UiServer> StartServerAsync() => UiServer.StartAsync(ServersYaml, Environment);

    /// <summary>
    /// Writes alice's servers file by hand (what provisioning writes: main's backends as her) and imports her
    /// state, so tests of browsing and removing do not depend on provisioning.
    /// </summary>
    public async Task AddAliceAsync(UiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var ct = TestContext.Current.CancellationToken;
        var files = server.App.Services.GetRequiredService<IdentityFiles>();
        var main = await files.LoadAsync(IdentityFiles.Main, ct);
        await files.SaveAsync("alice", [.. main.Select(b => b.Name switch
        {
            "jf" => b with { User = Jellyfin.UserIdOf("alice") },
            "emby" => b with { User = Emby.UserIdOf("alice") },
            _ => b with { User = Plex.AccountIdOf("alice").ToString(CultureInfo.InvariantCulture), Token = Plex.TokenOf("alice") },
        })], ct);
        await ImportAsync(server, "alice");
    }

    /// <summary>Imports one identity through the app's own importer.</summary>
    public static async Task ImportAsync(UiServer server, string identity)
    {
        ArgumentNullException.ThrowIfNull(server);
        var ct = TestContext.Current.CancellationToken;
        var backends = await server.App.Services.GetRequiredService<IdentityFiles>().LoadAsync(identity, ct);
        var results = await server.App.Services.GetRequiredService<Importer>()
            .RunAsync(new ImportRequest(backends) { Identity = identity, ForceFull = true }, SilentImportProgress.Instance, ct);
        Assert.All(results, r => Assert.True(r.Error is null, $"import {identity} {r.Backend}: {r.Error}"));
    }

    public async ValueTask DisposeAsync()
    {
        await PlexTv.DisposeAsync();
        await Plex.DisposeAsync();
        await Jellyfin.DisposeAsync();
        await Emby.DisposeAsync();
    }
}
