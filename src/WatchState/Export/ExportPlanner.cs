using WatchState.Backends;
using WatchState.Domain;

namespace WatchState.Export;

/// <summary>
/// Decides what to push: for each export backend, the items whose merged state differs from what that backend
/// last reported. Pure: the same items and options always give the same writes. Only the watched flag and the
/// resume position are compared; a play date alone is never worth a write (Plex cannot even store one).
/// </summary>
public static class ExportPlanner
{
    /// <summary>Plans every item, streaming: the items are read once and never held.</summary>
    public static IEnumerable<PlannedWrite> Plan(IEnumerable<PlanItem> items, ExportPlanOptions options, ExportPlanCounts counts)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var item in items)
        {
            counts.Items++;
            foreach (var write in PlanItem(item, options, counts))
            {
                yield return write;
            }
        }
    }

    /// <summary>The writes for one item, at most one per backend.</summary>
    public static IEnumerable<PlannedWrite> PlanItem(PlanItem item, ExportPlanOptions options, ExportPlanCounts counts)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counts);
        var rewatch = Rewatch(item, options);
        foreach (var backend in options.Backends)
        {
            // A multi-episode file is one remote item: its extra episodes (part > 0) never get a write of their own.
            var view = item.Views.FirstOrDefault(v => v.Part == 0 && string.Equals(v.Backend, backend, StringComparison.Ordinal));
            if (view is null)
            {
                if (!item.Views.Any(v => string.Equals(v.Backend, backend, StringComparison.Ordinal)))
                {
                    counts.AddMissing(backend);
                }

                continue;
            }

            if (view.Ignored)
            {
                counts.AddIgnored(backend);
                continue;
            }

            if (string.Equals(item.Source, backend, StringComparison.Ordinal) || !ChangedSince(item, view, options))
            {
                continue;
            }

            if (Decide(item, view, rewatch, options) is { } decided)
            {
                counts.AddWrite(backend);
                yield return new PlannedWrite(item.ItemId, item.Title, backend, decided.Write, decided.Reason);
            }
        }
    }

    private static bool ChangedSince(PlanItem item, PlanView view, ExportPlanOptions options) =>
        !options.Since.TryGetValue(view.Backend, out var since) || item.UpdatedAt > since || view.UpdatedAt > since;

    private static (RemoteWrite Write, string Reason)? Decide(PlanItem item, PlanView target, PlanView? rewatch, ExportPlanOptions options)
    {
        var state = item.State;
        var view = target.View;
        var from = item.Source is null ? " here" : $" on {item.Source}";
        if (state.Watched)
        {
            if (!view.Played)
            {
                var at = state.StateAt > ItemState.UnknownTime ? state.StateAt : (DateTimeOffset?)null;
                return (new RemoteWrite(target.RemoteId, RemoteWriteKind.MarkPlayed, at), $"watched{from}");
            }

            return PlayedProgress(item, target, rewatch, options);
        }

        if (view.Played)
        {
            // Only a real unplay (explicit or proven, so it has a time) that is newer than the play there may
            // unwatch a backend; an item only ever seen unwatched in listings proves nothing.
            if (state.StateAt > ItemState.UnknownTime && (view.PlayedAt is null || view.PlayedAt < state.StateAt))
            {
                return (new RemoteWrite(target.RemoteId, RemoteWriteKind.MarkUnplayed), $"unwatched{from} at {ChangeText.Time(state.StateAt)}");
            }

            return null;
        }

        if (state.ProgressMs >= options.MinProgressMs && Math.Abs(view.ProgressMs - state.ProgressMs) > options.ProgressToleranceMs)
        {
            var reason = $"resume point {ChangeText.Position(state.ProgressMs)}{from}"
                + (state.ProgressAt is { } at ? $", set at {ChangeText.Time(at)}" : "");
            return (new RemoteWrite(target.RemoteId, RemoteWriteKind.SetProgress, PositionMs: state.ProgressMs), reason);
        }

        return null;
    }

    /// <summary>A played item on a backend that shows it played: push rewatch progress, or clear a leftover resume point.</summary>
    private static (RemoteWrite Write, string Reason)? PlayedProgress(
        PlanItem item, PlanView target, PlanView? rewatch, ExportPlanOptions options)
    {
        var view = target.View;
        if (rewatch is not null && !ReferenceEquals(rewatch, target) && RewatchAllowed(rewatch, view, options)
            && Math.Abs(view.ProgressMs - rewatch.View.ProgressMs) > options.ProgressToleranceMs)
        {
            return (
                new RemoteWrite(target.RemoteId, RemoteWriteKind.SetProgress, PositionMs: rewatch.View.ProgressMs),
                $"rewatch resume point {ChangeText.Position(rewatch.View.ProgressMs)} on {rewatch.Backend}");
        }

        // A resume point left from before the play that made the item watched; the backend whose play that was
        // keeps its own position (someone may be rewatching there).
        if (view.ProgressMs > 0 && (view.PlayedAt is null || view.PlayedAt < item.State.StateAt) && !ReferenceEquals(rewatch, target))
        {
            return (new RemoteWrite(target.RemoteId, RemoteWriteKind.ClearProgress), "watched clears leftover resume point");
        }

        return null;
    }

    /// <summary>The newest resume point a backend reports on the played item, if rewatch sync is on.</summary>
    private static PlanView? Rewatch(PlanItem item, ExportPlanOptions options)
    {
        if (options.ProgressThreshold <= TimeSpan.Zero || !item.State.Watched)
        {
            return null;
        }

        PlanView? best = null;
        foreach (var v in item.Views)
        {
            if (v.Part == 0 && !v.Ignored && v.View is { Played: true, PlayedAt: { } at } && v.View.ProgressMs >= options.MinProgressMs
                && (best is null || at > best.View.PlayedAt))
            {
                best = v;
            }
        }

        return best;
    }

    private static bool RewatchAllowed(PlanView rewatch, BackendView target, ExportPlanOptions options) =>
        target.PlayedAt is { } playedThere && rewatch.View.PlayedAt - playedThere >= options.ProgressThreshold;
}
