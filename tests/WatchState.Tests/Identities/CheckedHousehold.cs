using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Configuration;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Tests.Cli;
using WatchState.Tests.Webhooks;

namespace WatchState.Tests.Identities;

/// <summary>
/// The household of issue 8's "How we will check": Plex (with plex.tv), Jellyfin and Emby, three users each besides
/// the admin. alice, bob and carol on Jellyfin and Emby; on Plex alice is "ally", carol has no account and dave
/// (a guest) has one only there. Everyone set up through the real command line, then served by the real app.
/// </summary>
internal sealed class CheckedHousehold : IAsyncDisposable
{
    public const string Watched = "Breaking Bad S01E01";
    public const string Resumed = "Breaking Bad S01E02";

    // The admin and alice have a resume position on S01E02 everywhere, so "unchanged" is more than "still zero".
    private const string MediaBrowserLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m @bob:favorite @carol:favorite
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232 imdb=tt0959621 runtime=58m
          s01e02 tvdb=349235 imdb=tt1054724 runtime=48m @admin:progress=5m @alice:progress=10m
        """;

    private const string PlexLibrary = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m @ally:favorite @bob:favorite @dave:favorite
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232 imdb=tt0959621 runtime=58m
          s01e02 tvdb=349235 imdb=tt1054724 runtime=48m @admin:progress=5m @ally:progress=10m
        """;

    private CheckedHousehold(MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby, PlexSimulator plex, PlexTvSimulator plexTv)
    {
        (Jellyfin, Emby, Plex, PlexTv) = (jellyfin, emby, plex, plexTv);
        Cli.Environment["WS_PLEXTV_URL"] = plexTv.BaseUrl.ToString();
        Cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {jellyfin.BaseUrl}
              token: {jellyfin.ApiKey}
              uuid: {jellyfin.ServerId}
              user: {jellyfin.AdminUserId}
            emby:
              type: emby
              url: {emby.BaseUrl}
              token: {emby.ApiKey}
              uuid: {emby.ServerId}
              user: {emby.AdminUserId}
            plex:
              type: plex
              url: {plex.BaseUrl}
              token: {plex.AdminToken}
              uuid: {plex.MachineIdentifier}

            """);
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public PlexSimulator Plex { get; }

    public PlexTvSimulator PlexTv { get; }

    public CliRunner Cli { get; } = new();

    /// <summary>The running <c>serve</c> app, once <see cref="ServeAsync"/> started it.</summary>
    public InProcessServe Serve { get; private set; } = null!;

    public string MapperPath => Path.Combine(Cli.Data.Paths.ConfigDir, "mapper.yaml");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CheckedHousehold> StartAsync()
    {
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(MediaBrowserLibrary) }, Ct);
        var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(MediaBrowserLibrary) }, Ct);
        var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(PlexLibrary) }, Ct);
        var plexTv = await PlexTvSimulator.StartAsync(plex, new PlexTvSimulatorOptions(), Ct);
        return new CheckedHousehold(jellyfin, emby, plex, plexTv);
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
        return result;
    }

    /// <summary>Output of a command run with <c>-o json</c>.</summary>
    public async Task<JsonElement> JsonAsync(params string[] args) =>
        JsonDocument.Parse((await RunAsync([.. args, "-o", "json"])).Out).RootElement;

    public async Task<Dictionary<string, BackendConfig>> BackendsOfAsync(string identity) =>
        (await ServersFile.LoadAsync(Path.Combine(Cli.Data.Paths.ConfigDir, "users", identity, "servers.yaml"), identity, Ct))
        .ToDictionary(b => b.Name);

    public async Task ServeAsync() => Serve = await InProcessServe.StartAsync(Cli.Data);

    /// <summary>The inbox row of a webhook once the worker is done with it (null if it never finishes).</summary>
    public async Task<InboxEntry?> WhenDoneAsync(long id)
    {
        InboxEntry? entry = null;
        await InProcessServe.EventuallyAsync(async () =>
        {
            entry = await Serve.Inbox.GetAsync(id, Ct);
            return entry is { Status: InboxStatus.Applied or InboxStatus.Ignored or InboxStatus.Failed };
        });
        return entry;
    }

    /// <summary>Every identity's local (watched, progress) of the item Jellyfin knows by <paramref name="jellyfinId"/>.</summary>
    public async Task<Dictionary<string, (bool Watched, long ProgressMs)>> LocalStatesAsync(string jellyfinId)
    {
        await using var connection = await Serve.Services.GetRequiredService<Database>().OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.identity, i.watched, i.progress_ms FROM items i JOIN backend_views v ON v.item_id = i.id
            WHERE v.backend = 'jf' AND v.remote_id = $remote AND v.part = 0
            """;
        command.Parameters.AddWithValue("$remote", jellyfinId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var states = new Dictionary<string, (bool, long)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct))
        {
            states[reader.GetString(0)] = (reader.GetInt64(1) != 0, reader.GetInt64(2));
        }

        return states;
    }

    public async ValueTask DisposeAsync()
    {
        if (Serve is not null)
        {
            await Serve.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Cli.Dispose();
        await PlexTv.DisposeAsync();
        await Plex.DisposeAsync();
        await Jellyfin.DisposeAsync();
        await Emby.DisposeAsync();
    }
}
