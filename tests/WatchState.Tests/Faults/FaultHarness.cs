using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Backends;
using WatchState.Backends.Http;
using WatchState.Configuration;
using WatchState.Export;
using WatchState.Ignoring;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Tests.Faults;

/// <summary>
/// The real importer, exporter, outbox worker, HTTP clients and database over a temp folder, with retry waits of
/// milliseconds (the number of retries is the product's own) and a short per-attempt timeout.
/// </summary>
internal sealed class FaultHarness : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ServiceProvider _services;

    public FaultHarness(TimeProvider? clock = null)
    {
        Database = new Database(_temp.File("db/watchstate.db"));
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock ?? TimeProvider.System)
            .AddSingleton(Database)
            .AddSingleton(DataPaths.FromRoot(_temp.Path))
            .AddIgnoreRules()
            .AddSync()
            .AddSingleton<HistoryQueries>()
            .Configure<BackendHttpOptions>(o =>
            {
                o.RetryDelay = TimeSpan.FromMilliseconds(1);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(5);
            })
            .Configure<OutboxWorkerOptions>(o => o.RetryDelay = TimeSpan.FromMilliseconds(1))
            .AddBackends()
            .BuildServiceProvider();
    }

    public Database Database { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static BackendConfig Backend(string name, MediaBrowserSimulator sim) => new()
    {
        Name = name,
        Type = sim.Flavor == MediaBrowserFlavor.Emby ? BackendType.Emby : BackendType.Jellyfin,
        Url = sim.BaseUrl,
        Token = sim.ApiKey,
        User = sim.AdminUserId,
        Uuid = sim.ServerId,
        Options = Options(),
    };

    public static BackendConfig Backend(string name, PlexSimulator sim) => new()
    {
        Name = name,
        Type = BackendType.Plex,
        Url = sim.BaseUrl,
        Token = sim.AdminToken,
        Uuid = sim.MachineIdentifier,
        Options = Options(),
    };

    public async Task<BackendImportResult> ImportAsync(BackendConfig backend, bool full = false) =>
        Assert.Single(await _services.GetRequiredService<Importer>().RunAsync(
            new ImportRequest([backend]) { ForceFull = full }, new Sync.ImportHarness.RecordingProgress(), Ct));

    public async Task<IReadOnlyList<BackendImportResult>> ImportAsync(params BackendConfig[] backends) =>
        await _services.GetRequiredService<Importer>().RunAsync(new ImportRequest(backends), new Sync.ImportHarness.RecordingProgress(), Ct);

    public async Task<(ExportPlan Plan, DrainResult Result)> ExportAsync(params BackendConfig[] backends)
    {
        var exporter = _services.GetRequiredService<Exporter>();
        var request = new ExportRequest(backends);
        var plan = await exporter.PlanAsync(request, Ct);
        var results = await exporter.ApplyAsync(request, plan, Ct);
        return (plan, Assert.Single(results, r => r.Backend == backends[^1].Name));
    }

    public async Task<List<OutboxEntry>> OutboxAsync()
    {
        await using var connection = await Database.OpenAsync(Ct);
        return await new OutboxStore(connection, "main").ListAsync(false, Ct);
    }

    public async Task<string?> CursorAsync(string backend, string direction)
    {
        await using var connection = await Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM cursors WHERE backend = $b AND direction = $d";
        command.Parameters.AddWithValue("$b", backend);
        command.Parameters.AddWithValue("$d", direction);
        return await command.ExecuteScalarAsync(Ct) as string;
    }

    /// <summary>Every item as "title watched|unwatched", sorted.</summary>
    public async Task<string[]> ItemsAsync()
    {
        var items = await _services.GetRequiredService<HistoryQueries>().ListAsync(new ItemFilter { Limit = 0 }, Ct);
        return [.. items.Select(i => $"{i.Item.DisplayTitle} {(i.Item.Watched ? "watched" : "unwatched")}").Order(StringComparer.Ordinal)];
    }

    /// <summary>Row counts and newest change times of every table: equal means nothing was written.</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var connection = await Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM items) || ' ' ||
                   (SELECT count(*) FROM item_keys) || ' ' ||
                   (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM backend_views) || ' ' ||
                   (SELECT count(*) FROM history) || ' ' ||
                   (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM cursors)
            """;
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    // Two items per page, so a listing has several pages and a fault can hit the second one.
    private static Dictionary<string, string> Options() => new()
    {
        [ClientSettings.TimeoutKey] = FaultCases.Timeout,
        [ClientSettings.PageSizeKey] = "2",
    };
}
