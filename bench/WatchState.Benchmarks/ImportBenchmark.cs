using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Benchmarks;

/// <summary>
/// Imports a generated library from a simulated Jellyfin over real HTTP, and in the same run measures the floor:
/// fetching and deserialising the same pages plus a raw SQLite insert of the same rows.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = Arguments.Int(args, "--items", 100_000);
        var pageSize = Arguments.Int(args, "--page-size", 1000);
        var plex = args.Contains("plex");
        Func<ChildSimulator, int, string, CancellationToken, Task<FloorResult>> floorOf = plex ? PlexFloor.MeasureAsync : JellyfinFloor.MeasureAsync;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await using var simulator = await ChildSimulator.StartAsync(items, plex, cancel.Token);
        var work = Directory.CreateTempSubdirectory("watchstate-bench-");
        try
        {
            // A first pass over the library warms what both sides share (the simulator's caches, the JIT, the
            // file system); without it whichever side runs first looks ~50% slower. The heap it leaves is
            // returned before the peak is reset, so the peak below is the import's own.
            await floorOf(simulator, pageSize, Path.Combine(work.FullName, "warm-up.db"), cancel.Token);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            PeakMemory.Reset();
            var (seconds, imported, _, _) = await ImportAsync(simulator, plex, pageSize, Path.Combine(work.FullName, "import.db"), forceFull: false, cancel.Token);
            var peakMb = PeakMemory.ReadMegabytes();
            Console.Error.WriteLine($"import: {imported} items, {await RowsAsync(Path.Combine(work.FullName, "import.db"), cancel.Token)} in {seconds:F2} s");

            // The routine case: the everyday import of the unchanged library asks only for changes.
            var (routine, _, routineCounts, routineRequests) = await ImportAsync(simulator, plex, pageSize, Path.Combine(work.FullName, "import.db"), forceFull: false, cancel.Token);
            Console.Error.WriteLine(
                $"routine import of the unchanged library: {routine:F2} s, {routineRequests} requests, {routineCounts.Seen} items read, {routineCounts.Added + routineCounts.Updated + routineCounts.Matched} written");

            // The scheduled full reconcile: the same library again, unchanged, must be read but write nothing.
            var (again, _, counts, _) = await ImportAsync(simulator, plex, pageSize, Path.Combine(work.FullName, "import.db"), forceFull: true, cancel.Token);
            Console.Error.WriteLine(
                $"full re-import of the unchanged library: {again:F2} s, {counts.Unchanged} unchanged, {counts.Added + counts.Updated + counts.Matched} written");

            var floor = await floorOf(simulator, pageSize, Path.Combine(work.FullName, "floor.db"), cancel.Token);
            Console.Error.WriteLine($"floor: {floor.Items} items, {await RowsAsync(Path.Combine(work.FullName, "floor.db"), cancel.Token)} in {floor.Seconds:F2} s (fetch+parse {floor.FetchSeconds:F2} s)");

            var ratio = seconds / floor.Seconds;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"import items={imported} seconds={seconds:F2} floor_seconds={floor.Seconds:F2} ratio={ratio:F2} peak_mb={peakMb:F0} routine_requests={routineRequests} routine_seconds={routine:F2}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <returns>Also the HTTP requests the import sent (each attempt counts).</returns>
    private static async Task<(double Seconds, int Items, ImportCounts Counts, int Requests)> ImportAsync(
        ChildSimulator simulator, bool plex, int pageSize, string databaseFile, bool forceFull, CancellationToken cancellationToken)
    {
        var requests = new RequestCounter();
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(new Database(databaseFile))
            .AddSingleton<Importer>()
            .AddBackends();
        services.AddHttpClient(plex ? WatchState.Backends.Plex.PlexApi.HttpClientName : WatchState.Backends.MediaBrowser.MediaBrowserApi.HttpClientName)
            .AddHttpMessageHandler(() => new CountingHandler(requests));
        await using var provider = services.BuildServiceProvider();
        var backend = new BackendConfig
        {
            Name = plex ? "plex" : "jellyfin",
            Type = plex ? BackendType.Plex : BackendType.Jellyfin,
            Url = simulator.BaseUrl,
            Token = simulator.ApiKey,
            User = plex ? null : simulator.UserId,
            Options = new Dictionary<string, string> { ["LIBRARY_SEGMENT"] = pageSize.ToString(CultureInfo.InvariantCulture) },
        };

        var watch = Stopwatch.StartNew();
        var results = await provider.GetRequiredService<Importer>().RunAsync(new ImportRequest([backend]) { ForceFull = forceFull }, SilentImportProgress.Instance, cancellationToken);
        watch.Stop();
        var result = results[0];
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }

        return (watch.Elapsed.TotalSeconds, result.Counts.Seen, result.Counts, requests.Count);
    }

    private sealed class RequestCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Innermost on the client's pipeline, so every attempt that goes on the wire is counted.</summary>
    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Rows per table, to show that the floor writes the same rows as the import.</summary>
    private static async Task<string> RowsAsync(string databaseFile, CancellationToken cancellationToken)
    {
        await using var connection = await new Database(databaseFile).OpenAsync(cancellationToken);
        var parts = new List<string>();
        foreach (var table in new[] { "items", "item_keys", "backend_views", "history" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table}";
            parts.Add($"{table}={await command.ExecuteScalarAsync(cancellationToken)}");
        }

        return string.Join(' ', parts);
    }
}
