using System.Globalization;
using WatchState.Backends;
using WatchState.Cli;
using WatchState.Configuration;
using WatchState.Live;
using WatchState.Simulator;

namespace WatchState.Demo;

/// <summary>
/// What the demo runs against: a simulated Plex (with its plex.tv), Jellyfin and Emby on loopback ports, holding
/// the same sample library with different play states, and a fresh demo data directory whose
/// <c>config/servers.yaml</c> lists the three. Nothing is synced yet; <see cref="DemoServer"/> does that.
/// </summary>
internal sealed class DemoEnvironment : IAsyncDisposable
{
    public const string PlexName = "plex";
    public const string JellyfinName = "jellyfin";
    public const string EmbyName = "emby";

    private DemoEnvironment(
        DataPaths paths, DemoLibraries library, PlexSimulator plex, PlexTvSimulator plexTv, long plexOwnerId,
        MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby)
    {
        Paths = paths;
        Library = library;
        Plex = plex;
        PlexTv = plexTv;
        PlexOwnerId = plexOwnerId;
        Jellyfin = jellyfin;
        Emby = emby;
    }

    public DataPaths Paths { get; }

    /// <summary>The sample library as each server was seeded with it.</summary>
    public DemoLibraries Library { get; }

    public PlexSimulator Plex { get; }

    public PlexTvSimulator PlexTv { get; }

    /// <summary>The Plex owner's plex.tv account id: the Plex backend's <c>user</c>.</summary>
    public long PlexOwnerId { get; }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    /// <summary>The three backends as written to <c>servers.yaml</c>: import, export and live events on.</summary>
    public IReadOnlyList<BackendConfig> Backends =>
    [
        new BackendConfig
        {
            Name = PlexName,
            Type = BackendType.Plex,
            Url = Plex.BaseUrl,
            Token = Plex.AdminToken,
            Uuid = Plex.MachineIdentifier,
            User = PlexOwnerId.ToString(CultureInfo.InvariantCulture),
            Options = LiveOn(),
        },
        MediaBrowser(JellyfinName, BackendType.Jellyfin, Jellyfin),
        MediaBrowser(EmbyName, BackendType.Emby, Emby),
    ];

    /// <summary>
    /// Empties <paramref name="dataPath"/> (refusing a directory the demo did not make), starts the three simulated
    /// servers and writes <c>servers.yaml</c>.
    /// </summary>
    /// <param name="dataPath">The demo data directory; relative paths are taken from the current directory.</param>
    /// <param name="movies">Movies in the sample library; the shows come on top.</param>
    /// <exception cref="DemoException">The directory holds files but is not a demo directory.</exception>
    public static async Task<DemoEnvironment> StartAsync(string dataPath, int movies, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var paths = DemoDataDirectory.Recreate(dataPath);
        var library = DemoLibrary.Create(movies, clock.GetUtcNow());
        var started = new List<IAsyncDisposable>();
        try
        {
            var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = library.Plex, ServerName = "Demo Plex" }, cancellationToken);
            started.Add(plex);
            var plexTvOptions = new PlexTvSimulatorOptions();
            var plexTv = await PlexTvSimulator.StartAsync(plex, plexTvOptions, cancellationToken);
            started.Add(plexTv);
            var jellyfin = await MediaBrowserSimulator.StartAsync(
                new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = library.Jellyfin, ServerName = "Demo Jellyfin" },
                cancellationToken);
            started.Add(jellyfin);
            var emby = await MediaBrowserSimulator.StartAsync(
                new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = library.Emby, ServerName = "Demo Emby" },
                cancellationToken);
            started.Add(emby);
            var environment = new DemoEnvironment(paths, library, plex, plexTv, plexTvOptions.OwnerAccountId, jellyfin, emby);
            await new ServersFile(paths).SaveAsync(environment.Backends, cancellationToken);
            return environment;
        }
        catch
        {
            started.Reverse();
            foreach (var simulator in started)
            {
                await simulator.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// The demo's own process view: the caller's environment without any <c>WS_*</c> setting (so nothing from the
    /// user's real setup leaks in), plus the demo data directory, the listen address and the fake plex.tv. Nothing
    /// is written to the user's environment or <c>.env</c> files.
    /// </summary>
    /// <param name="port">The loopback port to serve on; 0 picks a free one.</param>
    public CliHost HostFor(CliHost parent, int port)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var variables = parent.Environment
            .Where(v => !v.Key.StartsWith("WS_", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        variables[DataPaths.Variable] = Paths.Root;
        variables["WS_LISTEN"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        variables["WS_PLEXTV_URL"] = PlexTv.BaseUrl.ToString();
        return parent with { Environment = variables };
    }

    public async ValueTask DisposeAsync()
    {
        await Emby.DisposeAsync();
        await Jellyfin.DisposeAsync();
        await PlexTv.DisposeAsync();
        await Plex.DisposeAsync();
    }

    private static Dictionary<string, string> LiveOn() => new(StringComparer.Ordinal) { [LiveSettings.Key] = "true" };

    private static BackendConfig MediaBrowser(string name, BackendType type, MediaBrowserSimulator server) => new()
    {
        Name = name,
        Type = type,
        Url = server.BaseUrl,
        Token = server.ApiKey,
        Uuid = server.ServerId,
        User = server.AdminUserId,
        Options = LiveOn(),
    };
}
