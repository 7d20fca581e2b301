using Microsoft.Extensions.DependencyInjection;
using WatchState.Backends;
using WatchState.Backends.Plex;
using WatchState.Identities;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Sync;
using WatchState.Webhooks;

namespace WatchState.Tests.Webhooks;

/// <summary>
/// A Plex, a Jellyfin and an Emby simulator shared by three people, configured as three identities: <c>main</c>
/// (the admin), <c>alice</c> and <c>bob</c>, each with their own user on every server and the state of every
/// server imported, so the webhook processor and pusher see what a provisioned household has.
/// </summary>
internal sealed class Household : IAsyncDisposable
{
    public const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 runtime=2h16m @alice:favorite @bob:favorite @carol:favorite
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232 imdb=tt0959621 runtime=58m
          s01e02 tvdb=349235 imdb=tt1054724 runtime=48m
        """;

    public const string Episode = "Breaking Bad S01E01";

    private Household(MediaBrowserSimulator jellyfin, MediaBrowserSimulator emby, PlexSimulator plex, WebhookHarness harness)
    {
        Jellyfin = jellyfin;
        Emby = emby;
        Plex = plex;
        Harness = harness;
    }

    public MediaBrowserSimulator Jellyfin { get; }

    public MediaBrowserSimulator Emby { get; }

    public PlexSimulator Plex { get; }

    public WebhookHarness Harness { get; }

    public static async Task<Household> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Jellyfin, Library = SimLibrary.Parse(Library) }, ct);
        var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(Library) }, ct);
        var plex = await PlexSimulator.StartAsync(new PlexSimulatorOptions { Library = SimLibrary.Parse(Library) }, ct);
        var harness = await WebhookHarness.CreateAsync($"""
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
        var household = new Household(jellyfin, emby, plex, harness);
        await household.ProvisionAsync("alice");
        await household.ProvisionAsync("bob");
        foreach (var identity in new[] { "main", "alice", "bob" })
        {
            await household.ImportAsync(identity);
        }

        return household;
    }

    public IdentityFiles Identities => Harness.Services.GetRequiredService<IdentityFiles>();

    /// <summary>What provisioning writes: the same backends, with the person's user ids and tokens.</summary>
    private async Task ProvisionAsync(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var main = await Identities.LoadAsync(IdentityFiles.Main, ct);
        var backends = main.Select(b => b.Type switch
        {
            BackendType.Jellyfin => b with { User = Jellyfin.UserIdOf(name) },
            BackendType.Emby => b with { User = Emby.UserIdOf(name) },
            _ => b with
            {
                User = Plex.AccountIdOf(name).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Token = Plex.TokenOf(name),
                Options = new Dictionary<string, string> { [PlexOptions.AdminToken] = Plex.AdminToken },
            },
        }).ToList();
        await Identities.SaveAsync(name, backends, ct);
    }

    private async Task ImportAsync(string identity)
    {
        var backends = await Identities.LoadAsync(identity, TestContext.Current.CancellationToken);
        var importer = Harness.Services.GetRequiredService<Importer>();
        await importer.RunAsync(new ImportRequest(backends) { Identity = identity }, SilentImportProgress.Instance, TestContext.Current.CancellationToken);
    }

    /// <summary>An identity's local state of an item a backend knows by this remote id; null when it has none.</summary>
    public async Task<(bool Watched, long ProgressMs)?> StateAsync(string identity, string backend, string remoteId)
    {
        await using var connection = await Harness.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.watched, i.progress_ms FROM items i JOIN backend_views v ON v.item_id = i.id
            WHERE i.identity = $identity AND v.backend = $backend AND v.remote_id = $remote AND v.part = 0
            """;
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$backend", backend);
        command.Parameters.AddWithValue("$remote", remoteId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        return await reader.ReadAsync(TestContext.Current.CancellationToken) ? (reader.GetInt64(0) != 0, reader.GetInt64(1)) : null;
    }

    /// <summary>Every identity's local (watched, progress) of every item, to show nothing else moved.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var connection = await Harness.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT identity, id, watched, progress_ms FROM items ORDER BY identity, id";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add($"{reader.GetString(0)}#{reader.GetInt64(1)}:{reader.GetInt64(2)}/{reader.GetInt64(3)}");
        }

        return string.Join('\n', rows);
    }

    /// <summary>What the webhook worker does for one webhook: store it, apply it, push what changed.</summary>
    public async Task<(InboxEntry Entry, IReadOnlyCollection<string> Changed)> DeliverAsync(WebhookRequest request)
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await Harness.AcceptAsync(request);
        var drain = await Harness.Processor.ProcessPendingAsync(ct);
        await Harness.Services.GetRequiredService<WebhookPusher>().PushAsync(drain.ChangedIdentities, ct);
        return ((await Harness.Inbox.GetAsync(id, ct))!, drain.ChangedIdentities);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Jellyfin.DisposeAsync();
        await Emby.DisposeAsync();
        await Plex.DisposeAsync();
    }
}
