using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Export;
using WatchState.Ignoring;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Tests.Sync;

/// <summary>The real importer, exporter, worker and database over fake in-memory servers; a new harness on the same folder is a restart.</summary>
internal sealed class OutboxHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public OutboxHarness(TempDirectory folder, FakeServerFactory servers)
    {
        Database = new Database(folder.File("db/watchstate.db"));
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Database)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IMediaServerFactory>(servers)
            .AddSingleton<HistoryQueries>()
            .AddSingleton(DataPaths.FromRoot(folder.Path))
            .AddIgnoreRules()
            .AddSync()
            .Configure<OutboxWorkerOptions>(o => o.RetryDelay = TimeSpan.FromMilliseconds(1))
            .BuildServiceProvider();
    }

    public Database Database { get; }

    public async Task ImportAsync(params FakeWriterServer[] servers)
    {
        var results = await _services.GetRequiredService<Importer>().RunAsync(
            new ImportRequest([.. servers.Select(s => s.Config)]), new ImportHarness.RecordingProgress(), TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Null(r.Error));
    }

    public Task<(ExportPlan Plan, IReadOnlyList<DrainResult> Results)> ExportAsync(params FakeWriterServer[] servers) =>
        ExportAsync(() => { }, servers);

    /// <summary>Plans, runs <paramref name="afterPlanning"/> (a server changing meanwhile), then writes the plan.</summary>
    public async Task<(ExportPlan Plan, IReadOnlyList<DrainResult> Results)> ExportAsync(Action afterPlanning, params FakeWriterServer[] servers)
    {
        var exporter = _services.GetRequiredService<Exporter>();
        var request = new ExportRequest([.. servers.Select(s => s.Config)]);
        var plan = await exporter.PlanAsync(request, TestContext.Current.CancellationToken);
        afterPlanning();
        var results = await exporter.ApplyAsync(request, plan, TestContext.Current.CancellationToken);
        return (plan, results);
    }

    /// <summary>Plans and queues the writes, sending none: a run killed right after queueing.</summary>
    public async Task<ExportPlan> QueueAsync(params FakeWriterServer[] servers)
    {
        var plan = await _services.GetRequiredService<Exporter>().PlanAsync(
            new ExportRequest([.. servers.Select(s => s.Config)]), TestContext.Current.CancellationToken);
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        await new OutboxStore(connection, "main").EnqueueAsync(plan.Writes, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        return plan;
    }

    public async Task<IReadOnlyList<DrainResult>> DrainAsync(params FakeWriterServer[] servers) =>
        await _services.GetRequiredService<OutboxWorker>().DrainAsync(
            "main", [.. servers.Select(s => s.Config)], dueOnly: false, TestContext.Current.CancellationToken);

    public async Task<List<OutboxEntry>> OutboxAsync(bool failedOnly = false)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        return await new OutboxStore(connection, "main").ListAsync(failedOnly, TestContext.Current.CancellationToken);
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async Task<string?> ExportCursorAsync(string backend)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        var cursors = await ExportCursors.ReadAsync(connection, "main", TestContext.Current.CancellationToken);
        return cursors.TryGetValue(backend, out var at) ? at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
