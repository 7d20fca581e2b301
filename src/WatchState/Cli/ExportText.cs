using System.Globalization;
using WatchState.Export;
using WatchState.Storage;

namespace WatchState.Cli;

/// <summary>How a plan, a run's results and the outbox are shown as text.</summary>
internal static class ExportText
{
    public static void Plan(CliOutput output, ExportPlan plan)
    {
        if (plan.Writes.Count == 0)
        {
            output.Line($"Nothing to write: {Items(plan.Counts.Items)} compared, every backend agrees.");
        }
        else
        {
            var table = new CliTable("item", "server", "change", "reason");
            foreach (var w in plan.Writes)
            {
                table.Add($"#{w.ItemId} {w.Title}", w.Backend, w.Change, w.Reason);
            }

            output.Table(table);
            output.Line($"{N(plan.Writes.Count)} write{(plan.Writes.Count == 1 ? "" : "s")} planned for {Items(plan.Counts.Items)} compared.");
        }

        foreach (var (backend, count) in plan.Counts.Missing.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            output.Line($"{backend}: {Items(count)} missing on this server (skipped)");
        }

        foreach (var (backend, count) in plan.Counts.Ignored.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            output.Line($"{backend}: {Items(count)} ignored (config/ignore.yaml item rules; not written)");
        }
    }

    public static void Results(CliOutput output, IReadOnlyList<DrainResult> results, IReadOnlyList<OutboxEntry> failed)
    {
        if (results.Count == 0)
        {
            return;
        }

        var table = new CliTable("backend", "written", "pending", "failed", "dropped", "result");
        foreach (var r in results)
        {
            table.Add(r.Backend, N(r.Done), N(r.Pending), N(r.Failed), N(r.Dropped), r.Complete ? "ok" : r.Error is null ? "incomplete" : "failed");
        }

        output.Table(table);
        foreach (var r in results.Where(r => r.Error is not null))
        {
            output.Error($"{r.Backend}: {r.Error} (writes kept in the outbox, tried again next run)");
        }

        foreach (var e in failed)
        {
            output.Error($"{e.Backend}: #{e.ItemId} {e.Title}: {WriteText.Describe(e.Write)} failed: {e.LastError}");
        }
    }

    public static void Outbox(CliOutput output, IReadOnlyList<OutboxEntry> entries, TimeZoneInfo zone)
    {
        if (entries.Count == 0)
        {
            output.Line("The outbox is empty: nothing waiting, nothing failed.");
            return;
        }

        var table = new CliTable("id", "backend", "item", "change", "status", "attempts", "next try", "last error");
        foreach (var e in entries)
        {
            table.Add(
                e.Id.ToString(CultureInfo.InvariantCulture),
                e.Backend,
                $"#{e.ItemId} {e.Title}",
                WriteText.Describe(e.Write),
                e.Status.ToString().ToLowerInvariant(),
                N(e.Attempts),
                e.Status == OutboxStatus.Pending ? HistoryText.Time(e.NextAttemptAt, zone) : "-",
                e.LastError ?? "");
        }

        output.Table(table);
    }

    private static string Items(int count) => count == 1 ? "1 item" : $"{N(count)} items";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
