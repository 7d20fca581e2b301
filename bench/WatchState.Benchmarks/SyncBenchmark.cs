using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WatchState.Backends;
using WatchState.Configuration;
using WatchState.Export;
using WatchState.Ignoring;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Benchmarks;

/// <summary>
/// <c>state:sync</c> over three simulated servers (Jellyfin, Emby, Plex, each in a child process) holding the same
/// generated library, where <c>--changed</c> movies were just played on Jellyfin and are unplayed on the other two:
/// import from all three, then export. Each phase has its floor: the import's is the three servers'
/// fetch+parse+raw-insert floors summed; the export's is reading the rows it plans from plus its writes sent bare.
/// </summary>
internal static class SyncBenchmark
{
    private const int PageSize = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var items = Arguments.Int(args, "--items", 100_000);
        var changed = Arguments.Int(args, "--changed", Math.Max(1, items / 100));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(40));
        await using var jellyfin = await ChildSimulator.StartAsync(items, "jellyfin", changed, cancel.Token);
        await using var emby = await ChildSimulator.StartAsync(items, "emby", changed, cancel.Token);
        await using var plex = await ChildSimulator.StartAsync(items, "plex", changed, cancel.Token);
        BackendConfig[] backends =
        [
            Backend("jellyfin", BackendType.Jellyfin, jellyfin, plex: false),
            Backend("emby", BackendType.Emby, emby, plex: false),
            Backend("plex", BackendType.Plex, plex, plex: true),
        ];
        var work = Directory.CreateTempSubdirectory("watchstate-bench-sync-");
        try
        {
            // Warm-up (simulator caches, JIT, file system), as the import benchmark does; the floors run again below.
            await ImportFloorAsync(jellyfin, emby, plex, work.FullName, cancel.Token);
            SqliteConnection.ClearAllPools();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var first = await SyncAsync(backends, work.FullName, cancel.Token);
            var second = await SyncAsync(backends, work.FullName, cancel.Token);
            var importFloor = await ImportFloorAsync(jellyfin, emby, plex, work.FullName, cancel.Token);
            var exportFloor = await ExportFloorAsync(first.Planned, new Dictionary<string, (ChildSimulator, bool)>
            {
                ["jellyfin"] = (jellyfin, false),
                ["emby"] = (emby, false),
                ["plex"] = (plex, true),
            }, work.FullName, cancel.Token);

            var (import, export) = (first.Import, first.Export);
            var seconds = import.Seconds + export.Seconds;
            var floor = importFloor.Seconds + exportFloor;
            Print($"sync items={items} servers=3 seconds={seconds:F2} floor_seconds={floor:F2} ratio={seconds / floor:F2} writes={first.Writes} peak_mb={Math.Max(import.PeakMb, export.PeakMb):F0} requests={import.Requests + export.Requests}");
            Print($"import items={items} servers=3 read={first.ItemsRead} seconds={import.Seconds:F2} floor_seconds={importFloor.Seconds:F2} ratio={import.Seconds / importFloor.Seconds:F2} items_per_s={first.ItemsRead / import.Seconds:F0} floor_items_per_s={importFloor.Items / importFloor.Seconds:F0} peak_mb={import.PeakMb:F0} requests={import.Requests}");
            Print($"export items={items} servers=3 writes={first.Writes} seconds={export.Seconds:F2} floor_seconds={exportFloor:F2} ratio={export.Seconds / exportFloor:F2} writes_per_s={first.Writes / export.Seconds:F0} peak_mb={export.PeakMb:F0} requests={export.Requests}");
            Print($"sync (converged) items={items} servers=3 seconds={second.Import.Seconds + second.Export.Seconds:F2} writes={second.Writes} requests={second.Import.Requests + second.Export.Requests}");

            // Each changed movie is written to the two servers that show it unplayed.
            var expected = 2 * changed;
            if (first.Writes != expected || second.Writes != 0)
            {
                Console.Error.WriteLine($"expected {expected} writes then 0, got {first.Writes} then {second.Writes}");
                return 1;
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static BackendConfig Backend(string name, BackendType type, ChildSimulator simulator, bool plex) => new()
    {
        Name = name,
        Type = type,
        Url = simulator.BaseUrl,
        Token = simulator.ApiKey,
        User = plex ? null : simulator.UserId,
        Options = new Dictionary<string, string> { ["LIBRARY_SEGMENT"] = PageSize.ToString(CultureInfo.InvariantCulture) },
    };

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private static async Task<(double Seconds, long Items)> ImportFloorAsync(ChildSimulator jellyfin, ChildSimulator emby, ChildSimulator plex, string work, CancellationToken cancellationToken)
    {
        var floors = new[]
        {
            await JellyfinFloor.MeasureAsync(jellyfin, PageSize, Fresh(work, "floor-jellyfin.db"), cancellationToken),
            await JellyfinFloor.MeasureAsync(emby, PageSize, Fresh(work, "floor-emby.db"), cancellationToken),
            await PlexFloor.MeasureAsync(plex, PageSize, Fresh(work, "floor-plex.db"), cancellationToken),
        };
        Console.Error.WriteLine($"import floor: {string.Join(", ", floors.Select(f => $"{f.Items} items in {f.Seconds:F2} s"))}");
        return (floors.Sum(f => f.Seconds), floors.Sum(f => (long)f.Items));
    }

    /// <summary>Reading every row the planner reads (from the synced database) plus the planned writes sent bare.</summary>
    private static async Task<double> ExportFloorAsync(
        IReadOnlyList<PlannedWrite> writes, IReadOnlyDictionary<string, (ChildSimulator, bool)> servers, string work, CancellationToken cancellationToken)
    {
        double read;
        await using (var connection = await new Database(Path.Combine(work, "sync.db")).OpenAsync(cancellationToken))
        {
            read = await ExportBenchmark.ReadFloorAsync(connection, cancellationToken);
        }

        var send = await ExportWriteFloor.MeasureAsync(writes, servers, cancellationToken);
        Console.Error.WriteLine($"export floor: read {read:F2} s, {writes.Count} bare writes {send:F2} s");
        return read + send;
    }

    private static string Fresh(string work, string name)
    {
        var path = Path.Combine(work, name);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        return path;
    }

    /// <summary>What <c>state:sync</c> does for one identity: import from every backend, then plan and apply the export.</summary>
    private static async Task<SyncRun> SyncAsync(BackendConfig[] backends, string work, CancellationToken cancellationToken)
    {
        var requests = new RequestCounter();
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(new Database(Path.Combine(work, "sync.db")))
            .AddSingleton(DataPaths.FromRoot(work))
            .AddSingleton<IgnoreFile>()
            .AddSync()
            .AddBackends();
        foreach (var name in new[] { WatchState.Backends.Plex.PlexApi.HttpClientName, WatchState.Backends.MediaBrowser.MediaBrowserApi.HttpClientName })
        {
            services.AddHttpClient(name).AddHttpMessageHandler(() => new CountingHandler(requests));
        }

        await using var provider = services.BuildServiceProvider();
        PeakMemory.Reset();
        var watch = Stopwatch.StartNew();
        var imported = await provider.GetRequiredService<Importer>().RunAsync(new ImportRequest(backends), SilentImportProgress.Instance, cancellationToken);
        foreach (var result in imported.Where(r => !r.Succeeded))
        {
            throw new InvalidOperationException(result.Error);
        }

        var import = new Phase(watch.Elapsed.TotalSeconds, requests.Count, PeakMemory.ReadMegabytes());
        Console.Error.WriteLine($"after import: {PeakMemory.Describe()}");

        PeakMemory.Reset();
        watch.Restart();
        var exporter = provider.GetRequiredService<Exporter>();
        var request = new ExportRequest(backends);
        var plan = await exporter.PlanAsync(request, cancellationToken);
        var planned = watch.Elapsed.TotalSeconds;
        var drained = await exporter.ApplyAsync(request, plan, cancellationToken);
        var export = new Phase(watch.Elapsed.TotalSeconds, requests.Count - import.Requests, PeakMemory.ReadMegabytes());
        Console.Error.WriteLine($"after export: {PeakMemory.Describe()}");
        foreach (var result in drained.Where(r => !r.Complete))
        {
            throw new InvalidOperationException($"{result.Backend}: {result.Error ?? $"{result.Pending} pending, {result.Failed} failed"}");
        }

        Console.Error.WriteLine(
            $"sync: {string.Join(", ", imported.Select(r => $"{r.Backend} {r.Counts.Seen} read"))} in {import.Seconds:F2} s; planned {plan.Writes.Count} in {planned:F2} s, written {string.Join(", ", drained.Select(d => $"{d.Backend} {d.Done}"))} in {export.Seconds:F2} s");
        return new SyncRun(import, export, drained.Sum(d => d.Done), plan.Writes, imported.Sum(r => (long)r.Counts.Seen));
    }

    private sealed record Phase(double Seconds, int Requests, double PeakMb);

    private sealed record SyncRun(Phase Import, Phase Export, int Writes, IReadOnlyList<PlannedWrite> Planned, long ItemsRead);

    private sealed class RequestCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
