using System.Globalization;
using WatchState.Sync;

namespace WatchState.Cli;

/// <summary>The table printed after an import, then skip reasons, warnings and errors.</summary>
internal static class ImportSummary
{
    public static void Write(CliOutput output, IReadOnlyList<BackendImportResult> results, bool dryRun)
    {
        var table = new CliTable("backend", "added", "updated", "matched", "unchanged", "skipped", "refused", "result");
        foreach (var result in results)
        {
            var c = result.Counts;
            table.Add(result.Backend, N(c.Added), N(c.Updated), N(c.Matched), N(c.Unchanged), N(c.SkippedTotal), N(c.Refused), result.Succeeded ? "ok" : "failed");
        }

        output.Table(table);
        foreach (var result in results)
        {
            if (result.Mode is not null)
            {
                output.Line($"{result.Backend}: read {result.ModeText}");
            }

            foreach (var (reason, count) in result.Counts.Skipped.OrderByDescending(s => s.Value))
            {
                output.Line($"{result.Backend}: {N(count)} skipped: {reason}");
            }

            if (result.Counts.Conflicts > 0)
            {
                output.Line($"{result.Backend}: {N(result.Counts.Conflicts)} matching-key conflicts recorded (not merged)");
            }

            foreach (var warning in result.Warnings)
            {
                output.Warning($"{result.Backend}: {warning}");
            }

            if (result.Error is not null)
            {
                output.Error(result.Error);
            }
        }

        if (dryRun)
        {
            output.Line("Dry run: nothing was kept.");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
