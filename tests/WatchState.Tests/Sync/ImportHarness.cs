using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Backends;
using WatchState.Backends.Http;
using WatchState.Configuration;
using WatchState.Ignoring;
using WatchState.Simulator;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Tests.Sync;

/// <summary>The real importer, client and database wired together over a temp folder, for black-box import tests.</summary>
internal sealed class ImportHarness : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ServiceProvider _services;

    /// <param name="clock">The importer's clock (cursors, full schedule); default the system clock.</param>
    public ImportHarness(TimeProvider? clock = null)
    {
        Database = new Database(_temp.File("db/watchstate.db"));
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock ?? TimeProvider.System)
            .AddSingleton(Database)
            .AddSingleton(DataPaths.FromRoot(_temp.Path))
            .AddIgnoreRules()
            .AddSingleton<Importer>()
            .AddSingleton<HistoryQueries>()
            .Configure<BackendHttpOptions>(o =>
            {
                o.RetryDelay = TimeSpan.FromMilliseconds(1);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(5);
            })
            .AddBackends()
            .BuildServiceProvider();
    }

    public Database Database { get; }

    public HistoryQueries History => _services.GetRequiredService<HistoryQueries>();

    public static BackendConfig Backend(
        string name, MediaBrowserSimulator sim, BackendType type = BackendType.Jellyfin, string? user = null, bool importEnabled = true) => new()
        {
            Name = name,
            Type = type,
            Url = sim.BaseUrl,
            Token = sim.ApiKey,
            User = user ?? sim.AdminUserId,
            ImportEnabled = importEnabled,
            Options = new Dictionary<string, string> { ["client.timeout"] = "5" },
        };

    public static BackendConfig Backend(string name, PlexSimulator sim) => new()
    {
        Name = name,
        Type = BackendType.Plex,
        Url = sim.BaseUrl,
        Token = sim.AdminToken,
        Options = new Dictionary<string, string> { ["client.timeout"] = "5" },
    };

    public async Task<IReadOnlyList<BackendImportResult>> ImportAsync(params BackendConfig[] backends) =>
        await ImportAsync(new ImportRequest(backends));

    public async Task<IReadOnlyList<BackendImportResult>> ImportAsync(ImportRequest request, IImportProgress? progress = null) =>
        await _services.GetRequiredService<Importer>().RunAsync(request, progress ?? new RecordingProgress(), TestContext.Current.CancellationToken);

    public async Task<IReadOnlyList<(ItemRow Item, IReadOnlyList<ViewRow> Views)>> ItemsAsync() =>
        await History.ListAsync(new ItemFilter { Limit = 0 }, TestContext.Current.CancellationToken);

    public async Task<(ItemRow Item, IReadOnlyList<ViewRow> Views)> ItemAsync(string title) =>
        Assert.Single(await ItemsAsync(), i => i.Item.DisplayTitle == title);

    /// <summary>Row counts and the newest change time of every table: equal snapshots mean nothing was written.</summary>
    /// <param name="withCursors">False: leave out the cursors, which every successful import moves.</param>
    public async Task<string> FingerprintAsync(bool withCursors = true)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM items) || ' ' ||
                   (SELECT count(*) FROM item_keys) || ' ' ||
                   (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM backend_views) || ' ' ||
                   (SELECT count(*) FROM history) || ' ' ||
                   (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM cursors WHERE $cursors)
            """;
        command.Parameters.AddWithValue("$cursors", withCursors);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async Task<string?> CursorAsync(string backend, string direction = Importer.CursorDirection)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM cursors WHERE backend = $b AND direction = $d";
        command.Parameters.AddWithValue("$b", backend);
        command.Parameters.AddWithValue("$d", direction);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as string;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    internal sealed class RecordingProgress : IImportProgress
    {
        public List<string> Events { get; } = [];

        public void BackendStarted(string backend) => Events.Add($"start {backend}");

        public void LibraryStarted(string backend, string library, int total) => Events.Add($"library {backend}/{library} {total}");

        public void PageImported(string backend, string library, int done, int total) => Events.Add($"page {backend}/{library} {done}/{total}");

        public void BackendFinished(BackendImportResult result) => Events.Add($"done {result.Backend} {result.Error}");
    }
}
