using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Cli;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Storage;
using WatchState.Sync;

namespace WatchState.Benchmarks;

/// <summary>
/// <c>bench webhooks --import-items M</c>: the webhook flood of <see cref="WebhookBenchmark"/>, first alone (the
/// baseline) and then while the same <c>serve</c> process runs a full import of an M-item simulated Jellyfin,
/// through the product's own <see cref="Importer"/> as <c>state:import</c> and the import task call it. Floors in
/// the same run: the inbox insert (<see cref="InboxFloor"/>) for the webhooks and fetch, parse and raw insert
/// (<see cref="JellyfinFloor"/>) for the import.
/// </summary>
internal static class WebhookImportLoad
{
    /// <summary>Distinct from the fixture servers' names, so webhooks never route to it by name.</summary>
    public const string Backend = "jellyfin_import";

    public static async Task<int> RunAsync(int count, int concurrency, int importItems)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(60));
        var fixtures = WebhookBodies.FindFixtures();

        // Markers 0..count-1 are the baseline flood, count..2count-1 the flood with the import, then the warm-up:
        // every phase posts fresh webhooks about movies the database has not seen.
        var bodies = Enumerable.Range(0, (2 * count) + WebhookBenchmark.WarmUp).Select(n => WebhookBodies.Body(fixtures, n)).ToArray();
        await using var simulator = await ChildSimulator.StartAsync(importItems, "jellyfin", 0, cancel.Token);
        var work = Directory.CreateTempSubdirectory("watchstate-bench-webhooks-import-");
        try
        {
            Directory.CreateDirectory(Path.Combine(work.FullName, "config"));
            var servers = WebhookBodies.Servers + "\n" + await ImportServerAsync(simulator, cancel.Token);
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "config", "servers.yaml"), servers, cancel.Token);
            await using var server = await WebhookBenchmark.StartAsync(work.FullName, cancel.Token);
            var database = server.Services.GetRequiredService<Database>();
            var key = await server.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(cancel.Token);
            var pageSize = server.Services.GetRequiredService<AppSettings>().LibrarySegment;
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
            {
                BaseAddress = new Uri(ServeCommand.ListeningAddresses(server).Single()),
            };

            // Warms the simulator's pages and the floor's code, as the import benchmark does, and the webhook path.
            var warm = await JellyfinFloor.MeasureAsync(simulator, pageSize, Path.Combine(work.FullName, "warm-up.db"), cancel.Token);
            Console.Error.WriteLine($"warm-up: the simulator lists {warm.Items} items");
            await WebhookBenchmark.PostAllAsync(http, key, bodies[(2 * count)..], concurrency, cancel.Token);
            await WebhookBenchmark.WaitAppliedAsync(database, cancel.Token);

            var baselineClock = Stopwatch.StartNew();
            var baseline = await WebhookBenchmark.PostAllAsync(http, key, bodies[..count], concurrency, cancel.Token);
            var baselineSeconds = baselineClock.Elapsed.TotalSeconds;
            await WebhookBenchmark.WaitAppliedAsync(database, cancel.Token);
            var baselineLost = count - await WebhookBenchmark.FinishedOnceAsync(database, 0, count, cancel.Token);
            Console.Error.WriteLine(
                $"baseline, no import: accepted {baseline.Count(l => l >= 0)} of {count} in {baselineSeconds:F2} s, all applied after {baselineClock.Elapsed.TotalSeconds:F2} s, lost {baselineLost}");

            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            PeakMemory.Reset();
            var clock = Stopwatch.StartNew();
            var import = Task.Run(() => ImportAsync(server, clock, cancel.Token), cancel.Token);
            var startedAt = new long[count];
            var latencies = await WebhookBenchmark.PostAllAsync(http, key, bodies[count..(2 * count)], concurrency, cancel.Token, startedAt);
            var acceptSeconds = clock.Elapsed.TotalSeconds;
            if (!import.IsCompleted)
            {
                Console.Error.WriteLine($"the flood was accepted after {acceptSeconds:F2} s, before the import finished; waiting for the import");
            }

            var (result, importSeconds, importEnded) = await import;
            Console.Error.WriteLine($"write-ahead log when the import ended: {result.Error ?? WalMegabytes(database)}");
            if (importSeconds < acceptSeconds)
            {
                Console.Error.WriteLine($"the import finished after {importSeconds:F2} s, before the flood was accepted ({acceptSeconds:F2} s): they overlapped for {importSeconds:F2} s only");
            }

            await WebhookBenchmark.WaitAppliedAsync(database, cancel.Token);
            var appliedSeconds = clock.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"write-ahead log when every webhook was applied: {WalMegabytes(database)}");
            var peakMb = PeakMemory.ReadMegabytes();
            var accepted = latencies.Count(l => l >= 0);
            var lost = count - await WebhookBenchmark.FinishedOnceAsync(database, count, 2 * count, cancel.Token);
            var written = result.Counts.Added + result.Counts.Updated + result.Counts.Matched;
            Console.Error.WriteLine($"with the import: accepted {accepted} of {count} in {acceptSeconds:F2} s; all applied after {appliedSeconds:F2} s; lost {lost}");
            Console.Error.WriteLine(result.Succeeded
                ? $"import: {result.Counts.Seen} items read, {written} written ({result.Counts.Added} added, {result.Counts.Matched} matched), {result.ModeText}, in {importSeconds:F2} s"
                : $"import failed after {importSeconds:F2} s: {result.Error}");

            var inboxFloor = await InboxFloor.MeasureAsync(Path.Combine(work.FullName, "floor.db"), bodies[count..(2 * count)], cancel.Token);
            var importFloor = await JellyfinFloor.MeasureAsync(simulator, pageSize, Path.Combine(work.FullName, "import-floor.db"), cancel.Token);
            Console.Error.WriteLine($"floors: {count} inbox rows, one commit each, in {inboxFloor:F2} s; {importFloor.Items} items fetched, parsed and inserted in {importFloor.Seconds:F2} s");

            // Which webhooks met the import: those sent before it ended, and those after it.
            var during = latencies.Where((_, i) => startedAt[i] < importEnded).ToArray();
            var after = latencies.Where((_, i) => startedAt[i] >= importEnded).ToArray();
            Console.Error.WriteLine(
                $"sent while the import ran: {during.Length}, p99 {WebhookBenchmark.Percentile(during, 0.99):F1} ms, max {(during.Length == 0 ? 0 : during.Max()):F0} ms; " +
                $"sent after it: {after.Length}, p99 {WebhookBenchmark.Percentile(after, 0.99):F1} ms, max {(after.Length == 0 ? 0 : after.Max()):F0} ms");
            var p99 = WebhookBenchmark.Percentile(latencies, 0.99);
            var baselineP99 = WebhookBenchmark.Percentile(baseline, 0.99);
            Console.Error.WriteLine(
                $"latency of the 200: p50 {WebhookBenchmark.Percentile(latencies, 0.5):F2} ms with the import, {WebhookBenchmark.Percentile(baseline, 0.5):F2} ms without; max {latencies.Max():F0} ms with, {baseline.Max():F0} ms without");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"webhooks+import items={importItems} count={count} p99_ms={p99:F1} baseline_p99_ms={baselineP99:F1} p99_ratio={p99 / baselineP99:F2} " +
                $"accepted_per_s={accepted / acceptSeconds:F0} ratio={acceptSeconds / inboxFloor:F2} applied_per_s={count / appliedSeconds:F0} " +
                $"import_seconds={importSeconds:F2} import_floor_seconds={importFloor.Seconds:F2} import_ratio={importSeconds / importFloor.Seconds:F2} " +
                $"import_written={written} lost={lost} peak_mb={peakMb:F0}"));

            // Right count: everything the simulator lists was read, and every item the import wrote kept its view.
            var views = await ViewsAsync(database, Backend, cancel.Token);
            var importRight = result.Succeeded && result.Counts.Seen >= importFloor.Items && views == written;
            Console.Error.WriteLine($"{Backend}: {views} backend views stored for {written} items written; {result.Counts.SkippedTotal} skipped");

            return lost == 0 && baselineLost == 0 && accepted == count && baseline.All(l => l >= 0) && importRight ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A full import of <see cref="Backend"/> as <c>state:import</c> runs it: the backend as loaded from the main
    /// identity's servers.yaml, with the <c>WS_*</c> import settings, through the app's own importer.
    /// </summary>
    private static async Task<(BackendImportResult Result, double Seconds, long EndedAt)> ImportAsync(
        WebApplication server, Stopwatch clock, CancellationToken cancellationToken)
    {
        var backends = await server.Services.GetRequiredService<IdentityFiles>().LoadAsync(IdentityFiles.Main, cancellationToken);
        var request = ImportDefaults.Request(backends.Where(b => b.Name == Backend), server.Services.GetRequiredService<AppSettings>()) with
        {
            Identity = IdentityFiles.Main,
        };
        var results = await server.Services.GetRequiredService<Importer>().RunAsync(request, SilentImportProgress.Instance, cancellationToken);
        return (results.Single(), clock.Elapsed.TotalSeconds, Stopwatch.GetTimestamp());
    }

    private static string WalMegabytes(Database database) =>
        File.Exists(database.DatabaseFile + "-wal")
            ? string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(database.DatabaseFile + "-wal").Length / 1048576.0:F0} MB")
            : "none";

    private static async Task<long> ViewsAsync(Database database, string backend, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM backend_views WHERE backend = $backend";
        command.Parameters.AddWithValue("$backend", backend);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The simulator's entry in servers.yaml, with its own server id so webhooks can tell it apart.</summary>
    private static async Task<string> ImportServerAsync(ChildSimulator simulator, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        var info = await http.GetFromJsonAsync<PublicInfo>("System/Info/Public", cancellationToken)
            ?? throw new InvalidOperationException("the simulator answered no server info");
        return $"""
            {Backend}:
              type: jellyfin
              url: {simulator.BaseUrl}
              token: {simulator.ApiKey}
              uuid: {info.Id}
              user: {simulator.UserId}

            """;
    }

    private sealed record PublicInfo(string Id);
}
