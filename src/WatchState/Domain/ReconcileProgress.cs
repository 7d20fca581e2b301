namespace WatchState.Domain;

/// <summary>The resume-point half of a decision, run after the watched flag is settled.</summary>
internal static class ReconcileProgress
{
    /// <param name="local">The state before the decision; null for a new item.</param>
    /// <param name="state">The state after the watched decision.</param>
    public static ItemState Decide(
        ItemState? local, ItemState state, ReconcileFacts facts, ReconcileOptions options, List<Change> changes)
    {
        var incoming = facts.Observation.ProgressMs;
        if (state.Watched)
        {
            return Watched(local, state, incoming, options, changes);
        }

        // Short positions are accidental starts; a backend dropping its resume point (0) is not a claim either.
        if (incoming < options.MinProgressMs || incoming == state.ProgressMs)
        {
            return state;
        }

        var from = ChangeText.Position(state.ProgressMs);
        var to = ChangeText.Position(incoming);
        if (!options.ProgressEnabled)
        {
            changes.Add(new Change(ChangeField.Progress, false, from, to, Reconciler.ProgressOff));
            return state;
        }

        if (state.ProgressAt is { } current && facts.ProgressAt <= current)
        {
            var reason = $"older than local progress: set at {ChangeText.Time(facts.ProgressAt)}, local from {ChangeText.Time(current)}";
            changes.Add(new Change(ChangeField.Progress, false, from, to, reason));
            return state;
        }

        var applied = local is null ? "first seen with a resume point" : $"newer position, set at {ChangeText.Time(facts.ProgressAt)}";
        changes.Add(new Change(ChangeField.Progress, true, from, to, applied));
        return state with { ProgressMs = incoming, ProgressAt = facts.ProgressAt };
    }

    private static ItemState Watched(
        ItemState? local, ItemState state, long incoming, ReconcileOptions options, List<Change> changes)
    {
        if (state.ProgressMs > 0)
        {
            changes.Add(new Change(
                ChangeField.Progress, true, ChangeText.Position(state.ProgressMs), ChangeText.Position(0), Reconciler.WatchedClearsResume));
            // Never move the progress time back, or an older position could return after a later unplay.
            var at = state.ProgressAt is { } previous && previous > state.StateAt ? previous : state.StateAt;
            return state with { ProgressMs = 0, ProgressAt = at };
        }

        // A position sent with the play that finishes the item is superseded by it; only a resume point on an
        // item that was already watched is worth explaining.
        if (local is { Watched: true } && options.ProgressEnabled && incoming >= options.MinProgressMs)
        {
            changes.Add(new Change(
                ChangeField.Progress, false, ChangeText.Position(0), ChangeText.Position(incoming), "item is watched"));
        }

        return state;
    }
}
