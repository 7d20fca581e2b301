using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WatchState.Cli;
using WatchState.Storage;
using WatchState.Webhooks;

namespace WatchState.Benchmarks;

/// <summary>
/// Floods the real <c>serve</c> app (in-process, real Kestrel on loopback) with <c>--count</c> distinct webhooks from
/// <c>--concurrency</c> senders, waits until the worker has applied every one, checks none was lost, and in the
/// same run measures the floor: inserting the same rows into the inbox table, one commit each, with the same
/// SQLite settings. Prints one summary line.
/// </summary>
internal static class WebhookBenchmark
{
    public const int WarmUp = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arguments.Int(args, "--count", 20_000);
        var concurrency = Arguments.Int(args, "--concurrency", 8);
        var importItems = Arguments.Int(args, "--import-items", 0);
        if (importItems > 0)
        {
            return await WebhookImportLoad.RunAsync(count, concurrency, importItems);
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var fixtures = WebhookBodies.FindFixtures();
        var bodies = Enumerable.Range(0, count + WarmUp).Select(n => WebhookBodies.Body(fixtures, n)).ToArray();
        var work = Directory.CreateTempSubdirectory("watchstate-bench-webhooks-");
        try
        {
            Directory.CreateDirectory(Path.Combine(work.FullName, "config"));
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "config", "servers.yaml"), WebhookBodies.Servers, cancel.Token);
            await using var server = await StartAsync(work.FullName, cancel.Token);
            var database = server.Services.GetRequiredService<Database>();
            var key = await server.Services.GetRequiredService<ApiKeyStore>().GetOrCreateAsync(cancel.Token);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
            {
                BaseAddress = new Uri(ServeCommand.ListeningAddresses(server).Single()),
            };

            // JIT, connection pool and page cache warm before the clock starts; these rows are not counted.
            await PostAllAsync(http, key, bodies[count..], concurrency, cancel.Token);
            await WaitAppliedAsync(database, cancel.Token);

            var clock = Stopwatch.StartNew();
            var latencies = await PostAllAsync(http, key, bodies[..count], concurrency, cancel.Token);
            var acceptSeconds = clock.Elapsed.TotalSeconds;
            await WaitAppliedAsync(database, cancel.Token);
            var appliedSeconds = clock.Elapsed.TotalSeconds;
            var accepted = latencies.Count(l => l >= 0);
            var lost = count - await FinishedOnceAsync(database, 0, count, cancel.Token);
            Console.Error.WriteLine($"accepted {accepted} of {count} in {acceptSeconds:F2} s; all applied after {appliedSeconds:F2} s");

            var floorSeconds = await InboxFloor.MeasureAsync(Path.Combine(work.FullName, "floor.db"), bodies[..count], cancel.Token);
            Console.Error.WriteLine($"floor: {count} inbox rows inserted, one commit each, in {floorSeconds:F2} s");

            var p99 = Percentile(latencies, 0.99);
            var p50 = Percentile(latencies, 0.50);
            Console.Error.WriteLine($"latency of the 200: p50 {p50:F2} ms, p99 {p99:F2} ms");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"webhooks accepted_per_s={accepted / acceptSeconds:F0} p99_ms={p99:F1} applied_per_s={count / appliedSeconds:F0} lost={lost} ratio={acceptSeconds / floorSeconds:F2}"));
            return lost == 0 && accepted == count ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>The <paramref name="fraction"/> quantile of the answered requests' latencies (NaN when none was answered).</summary>
    public static double Percentile(double[] latencies, double fraction)
    {
        var sorted = latencies.Where(l => l >= 0).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * fraction) - 1, 0, sorted.Length - 1)];
    }

    public static async Task<WebApplication> StartAsync(string root, CancellationToken cancellationToken)
    {
        var host = new CliHost
        {
            Environment = new Dictionary<string, string> { ["WS_DATA_PATH"] = root, ["WS_LISTEN"] = "http://127.0.0.1:0" },
            CurrentDirectory = root,
            Out = TextWriter.Null,
            Error = Console.Error,
        };
        var app = ServeCommand.Build(await CliStartup.LoadAsync(host, verbose: false, cancellationToken));
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>Each body's time to its answer in milliseconds, or -1 when the answer was not 200.</summary>
    /// <param name="startedAt">When given, receives each request's start (<see cref="Stopwatch.GetTimestamp"/>).</param>
    public static async Task<double[]> PostAllAsync(
        HttpClient http, string key, WebhookBodyData[] bodies, int concurrency, CancellationToken cancellationToken, long[]? startedAt = null)
    {
        var latencies = new double[bodies.Length];
        var next = -1;
        var url = $"{WebhookEndpoints.Path}?apikey={Uri.EscapeDataString(key)}";
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < bodies.Length; i = Interlocked.Increment(ref next))
                {
                    var body = bodies[i];
                    using var content = new ByteArrayContent(body.Body);
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
                    using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                    if (body.UserAgent is not null)
                    {
                        message.Headers.TryAddWithoutValidation("User-Agent", body.UserAgent);
                    }

                    var started = Stopwatch.GetTimestamp();
                    startedAt?[i] = started;
                    using var response = await http.SendAsync(message, cancellationToken);
                    latencies[i] = response.StatusCode == HttpStatusCode.OK ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : -1;
                }
            },
            cancellationToken)));
        return latencies;
    }

    public static async Task WaitAppliedAsync(Database database, CancellationToken cancellationToken)
    {
        while (await ScalarAsync(database, "SELECT count(*) FROM inbox WHERE status = 'pending'", cancellationToken) > 0)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>How many of the webhooks with markers <paramref name="from"/> to <paramref name="to"/>-1 have exactly one inbox row, applied.</summary>
    public static async Task<int> FinishedOnceAsync(Database database, int from, int to, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<int, List<string>>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body, status FROM inbox";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (WebhookBodies.MarkerIn((byte[])reader.GetValue(0)) is { } marker && marker >= from && marker < to)
            {
                if (!rows.TryGetValue(marker, out var statuses))
                {
                    rows[marker] = statuses = [];
                }

                statuses.Add(reader.GetString(1));
            }
        }

        var bad = rows.Where(r => r.Value is not [InboxStatus.Applied]).Take(5).ToList();
        foreach (var (marker, statuses) in bad)
        {
            Console.Error.WriteLine($"webhook {marker}: {string.Join(", ", statuses)}");
        }

        return rows.Count(r => r.Value is [InboxStatus.Applied]);
    }

    private static async Task<long> ScalarAsync(Database database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
