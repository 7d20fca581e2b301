using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using WatchState.Export;
using WatchState.Storage;

namespace WatchState.Benchmarks;

/// <summary>
/// Plans an export over a generated database (three backends, every item on each) in which <c>--changed</c> items
/// differ on exactly one backend, and in the same run measures the floor: reading the same rows from SQLite
/// without planning. Planning must find exactly one write per changed item.
/// </summary>
internal static class ExportBenchmark
{
    private static readonly string[] Backends = ["jf", "emby", "plex"];

    public static async Task<int> RunAsync(string[] args)
    {
        var items = Arguments.Int(args, "--items", 100_000);
        var changed = Arguments.Int(args, "--changed", 1000);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var work = Directory.CreateTempSubdirectory("watchstate-bench-export-");
        try
        {
            var database = new Database(Path.Combine(work.FullName, "export.db"));
            await using var connection = await database.OpenAsync(cancel.Token);
            var seeded = Stopwatch.StartNew();
            Seed(connection, items, changed);
            Console.Error.WriteLine($"seeded {items} items with {items * Backends.Length} views in {seeded.Elapsed.TotalSeconds:F2} s");

            // Warm both sides once (page cache, JIT), then take the best of three of each, alternating.
            await ReadFloorAsync(connection, cancel.Token);
            await PlanAsync(connection, cancel.Token);
            var floor = double.MaxValue;
            var plan = double.MaxValue;
            var writes = 0;
            for (var run = 0; run < 3; run++)
            {
                floor = Math.Min(floor, await ReadFloorAsync(connection, cancel.Token));
                var (seconds, count) = await PlanAsync(connection, cancel.Token);
                plan = Math.Min(plan, seconds);
                writes = count;
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"export items={items} changed={changed} writes={writes} seconds={plan:F2} floor_seconds={floor:F2} ratio={plan / floor:F2}"));
            return writes == changed ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>The least any export planner must do: read every row it plans from, with the same getters.</summary>
    internal static async Task<double> ReadFloorAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var command = connection.CreateCommand();
        command.CommandText = ExportReader.Sql;
        command.Parameters.AddWithValue("$identity", "main");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long rows = 0;
        long sum = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            // Every column read with the getter planning uses for it, and nothing built from them.
            sum += reader.GetInt64(0) + reader.GetInt64(1) + reader.GetString(2).Length + (reader.IsDBNull(3) ? 0 : reader.GetString(3).Length)
                + (reader.IsDBNull(4) ? 0 : reader.GetInt64(4)) + (reader.IsDBNull(5) ? 0 : reader.GetInt64(5))
                + reader.GetInt64(6) + reader.GetInt64(7) + reader.GetInt64(8) + (reader.GetValue(9) is long p ? p : 0) + reader.GetInt64(10)
                + (reader.IsDBNull(11) ? 0 : reader.GetString(11).Length) + reader.GetString(12).Length + reader.GetString(13).Length
                + reader.GetInt64(14) + reader.GetInt64(15) + (reader.GetValue(16) is long a ? a : 0) + (reader.GetValue(17) is long b ? b : 0)
                + reader.GetInt64(18) + reader.GetInt64(19) + reader.GetInt64(20);
            rows++;
        }

        GC.KeepAlive(sum);

        Console.Error.WriteLine($"floor: {rows} rows in {clock.Elapsed.TotalSeconds:F2} s");
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Seconds, int Writes)> PlanAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var options = new ExportPlanOptions { Backends = Backends.ToHashSet(StringComparer.Ordinal) };
        var counts = new ExportPlanCounts();
        var writes = 0;
        await foreach (var item in ExportReader.ReadAsync(connection, "main", null, null, cancellationToken))
        {
            counts.Items++;
            foreach (var _ in ExportPlanner.PlanItem(item, options, counts))
            {
                writes++;
            }
        }

        Console.Error.WriteLine($"plan: {counts.Items} items, {writes} writes in {clock.Elapsed.TotalSeconds:F2} s");
        return (clock.Elapsed.TotalSeconds, writes);
    }

    /// <summary>
    /// Items alternate watched / unwatched with a resume point; every backend agrees, except that a changed item was
    /// watched on jf and emby while plex still shows it unwatched.
    /// </summary>
    private static void Seed(SqliteConnection connection, int items, int changed)
    {
        using var transaction = connection.BeginTransaction();
        using var item = Insert(connection, transaction, "INSERT INTO items (id, identity, type, title, year, series_title, season, episode, watched, state_at, progress_ms, progress_at, created_at, updated_at) VALUES ($p0, 'main', 0, $p1, 2000, NULL, NULL, NULL, $p2, $p3, $p4, $p5, $p6, $p6)", 7);
        using var view = Insert(connection, transaction, "INSERT INTO backend_views (identity, backend, remote_id, part, item_id, played, played_at, added_at, progress_ms, play_count, updated_at) VALUES ('main', $p0, $p1, 0, $p2, $p3, $p4, $p5, $p6, $p3, $p5)", 7);
        using var history = Insert(connection, transaction, "INSERT INTO history (item_id, identity, backend, at, kind, field, applied, from_value, to_value, reason) VALUES ($p0, 'main', $p1, $p2, 'import', 'watched', 1, 'unwatched', 'watched', 'newer play')", 3);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var step = Math.Max(1, items / Math.Max(1, changed));
        for (var i = 1; i <= items; i++)
        {
            var isChanged = changed > 0 && i % step == 0 && i / step <= changed;
            var watched = isChanged || i % 2 == 0;
            var at = start + (i * 1000L);
            long progress = watched ? 0 : 600_000;
            Run(item, i, $"Movie {i}", watched ? 1 : 0, at, progress, watched ? DBNull.Value : at, at);
            foreach (var backend in Backends)
            {
                var played = watched && !(isChanged && backend == "plex");
                Run(view, backend, $"{backend}-{i}", i, played ? 1 : 0, played ? at : DBNull.Value, at, played ? 0L : progress);
            }

            Run(history, i, "jf", at);
        }

        transaction.Commit();
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var p = 0; p < parameters; p++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + p.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var p = 0; p < values.Length; p++)
        {
            command.Parameters[p].Value = values[p];
        }

        command.ExecuteNonQuery();
    }
}
