using System.Text.Json;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

/// <summary>
/// A Jellyfin and an Emby simulator with the users admin, alice and bob, and three identities: <c>main</c> (the
/// admins, config/servers.yaml), <c>alice</c> and <c>bob</c> (config/users/NAME/servers.yaml, admin API key, own user id).
/// On Jellyfin the admin has watched Inception, Alice The Matrix, and Bob is 30 minutes into Inception; on Emby Bob
/// has watched Alien. Nobody else has state anywhere.
/// </summary>
internal sealed class TwoIdentityServers : IAsyncDisposable
{
    private const string JellyfinLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m @alice:played=2024-03-01T20:00:00Z
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m played=2024-02-01T20:00:00Z @bob:progress=30m
        movie "Alien" 1979 imdb=tt0078748 runtime=1h57m
        """;

    private const string EmbyLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m
        movie "Inception" 2010 imdb=tt1375666 runtime=2h28m
        movie "Alien" 1979 imdb=tt0078748 runtime=1h57m @bob:played=2024-04-01T20:00:00Z
        """;

    private TwoIdentityServers(MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby)
    {
        Jellyfin = jellyfin;
        Emby = emby;
        Identities = new IdentityFiles(Cli.Data.Paths, new ServersFile(Cli.Data.Paths));
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public CliRunner Cli { get; } = new();

    public IdentityFiles Identities { get; }

    public static async Task<TwoIdentityServers> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(JellyfinLibrary) }, ct);
        var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(EmbyLibrary) }, ct);
        var servers = new TwoIdentityServers(jellyfin, emby);
        await servers.Identities.SaveAsync(IdentityFiles.Main, servers.Backends("admin"), ct);
        await servers.Identities.SaveAsync("alice", servers.Backends("alice"), ct);
        await servers.Identities.SaveAsync("bob", servers.Backends("bob"), ct);
        return servers;
    }

    /// <summary>jf and emby as <paramref name="user"/>: the admin API key with that user's id, as provisioning writes them.</summary>
    public IReadOnlyList<BackendConfig> Backends(string user) =>
    [
        new BackendConfig { Name = "jf", Type = BackendType.Jellyfin, Url = Jellyfin.BaseUrl, Token = Jellyfin.ApiKey, User = Jellyfin.UserIdOf(user) },
        new BackendConfig { Name = "emby", Type = BackendType.Emby, Url = Emby.BaseUrl, Token = Emby.ApiKey, User = Emby.UserIdOf(user) },
    ];

    public bool PlayedOnJellyfin(string user, string title) => Jellyfin.GetPlayState(Jellyfin.UserIdOf(user), Jellyfin.ItemIdOf(title)).Played;

    public bool PlayedOnEmby(string user, string title) => Emby.GetPlayState(Emby.UserIdOf(user), Emby.ItemIdOf(title)).Played;

    public TimeSpan PositionOnEmby(string user, string title) => Emby.GetPlayState(Emby.UserIdOf(user), Emby.ItemIdOf(title)).Position;

    /// <summary>Runs a command and fails the test with its output unless it exits with <paramref name="expected"/>.</summary>
    public async Task<CliResult> RunAsync(int expected, params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == expected, $"{string.Join(' ', args)}: {result}");
        return result;
    }

    /// <summary>An identity's items as <c>history:list -u NAME -o json</c> prints them, by title.</summary>
    public async Task<Dictionary<string, JsonElement>> ItemsAsync(string identity)
    {
        var listed = await RunAsync(0, "history:list", "-u", identity, "--limit", "0", "-o", "json");
        return JsonDocument.Parse(listed.Out).RootElement.EnumerateArray()
            .ToDictionary(i => i.GetProperty("title").GetString()!, i => i.Clone(), StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        Cli.Dispose();
        await Jellyfin.DisposeAsync();
        await Emby.DisposeAsync();
    }
}
