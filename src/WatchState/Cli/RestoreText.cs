using System.Globalization;
using WatchState.Configuration;
using WatchState.Restore;

namespace WatchState.Cli;

/// <summary>How a restore's plan and results are shown as text.</summary>
internal static class RestoreText
{
    public static void Plan(CliOutput output, RestorePlan plan, bool execute, int limit, DataPaths paths)
    {
        var c = plan.Counts;
        var would = execute ? "" : "would ";
        output.Line($"Restore {plan.Backend} (identity {plan.Identity}) from {paths.Display(plan.File)}: {N(c.Entries)} entries, {N(plan.Listed)} items on the server.");
        output.Line($"{would}mark played: {N(c.MarkPlayed)}, {would}mark unplayed: {N(c.MarkUnplayed)}, {would}set progress: {N(c.Progress)}, "
            + $"unchanged: {N(c.Unchanged)}, unmatched: {N(c.Unmatched)}");
        if (plan.Changes.Count > 0)
        {
            var table = new CliTable("entry", "item", "matched by", "server now", "change");
            foreach (var change in Limit(plan.Changes, limit))
            {
                table.Add(N(change.Entry), change.Title, change.MatchedBy, change.From, change.Change);
            }

            output.Table(table);
            More(output, plan.Changes.Count, limit, "changes");
        }

        if (plan.Unmatched.Count > 0)
        {
            output.Line("Not found on the server:");
            var table = new CliTable("entry", "item", "why");
            foreach (var miss in Limit(plan.Unmatched, limit))
            {
                table.Add(N(miss.Entry), miss.Title, miss.Reason);
            }

            output.Table(table);
            More(output, plan.Unmatched.Count, limit, "unmatched entries");
        }
    }

    public static void Outcome(CliOutput output, RestorePlan plan, bool execute, RestoreOutcome? outcome)
    {
        if (!execute)
        {
            output.Line(plan.Changes.Count == 0
                ? "Dry run: nothing to change."
                : "Dry run: nothing was written. Run again with --execute to apply these changes through the outbox.");
            return;
        }

        if (outcome is null)
        {
            output.Line($"Nothing to write: {plan.Backend} already has the backup's play state.");
            return;
        }

        ExportText.Results(output, outcome.Drains, outcome.Failed);
        foreach (var change in outcome.NotLocal)
        {
            output.Error($"{plan.Backend}: {change.Title}: not in the local database (no external ids?), not written");
        }

        var line = $"{N(outcome.Restored)} of {N(plan.Changes.Count)} item(s) restored; local state updated for {N(outcome.LocalChanged)}"
            + " (the next export copies it to your other servers).";
        if (outcome.Complete)
        {
            output.Success(line);
        }
        else
        {
            output.Warning(line);
        }
    }

    private static IEnumerable<T> Limit<T>(IReadOnlyList<T> rows, int limit) => limit > 0 ? rows.Take(limit) : rows;

    private static void More(CliOutput output, int count, int limit, string what)
    {
        if (limit > 0 && count > limit)
        {
            output.Line($"… showing {N(limit)} of {N(count)} {what}; --limit 0 or -o json shows all.");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
