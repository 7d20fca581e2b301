namespace WatchState.Domain;

/// <summary>
/// The one place that decides whether an observation changes an item's state. Pure: the same inputs always give
/// the same decision, and every change it makes or refuses comes with a reason.
/// </summary>
public static class Reconciler
{
    public const string MetadataOnly = "backend is metadata-only";
    public const string OlderThanLocal = "older than local state";
    public const string NewerPlayDate = "newer play date";
    public const string NoProofListing = "no proof: unplayed in a listing";
    public const string NoProofAddedDate = "no proof: no added date to compare";
    public const string NoProofUndatedPlay = "no proof: the earlier play had no date";
    public const string Rescanned = "item was re-added/re-scanned (added date changed)";
    public const string NewerPlayElsewhere = "a newer play exists elsewhere";
    public const string ProgressOff = "progress sync off for this backend";
    public const string WatchedClearsResume = "watched clears resume point";

    /// <param name="local">The item's current state; null when no item matches yet.</param>
    /// <param name="previousView">What this backend reported for this remote item last time; null when never seen.</param>
    public static Decision Decide(
        ItemState? local, BackendView? previousView, Observation observation, ReconcileOptions options)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(options);

        var facts = ReconcileFacts.From(observation, options);
        var changes = new List<Change>();
        ItemState state;
        if (local is null)
        {
            if (!options.ImportEnabled)
            {
                return new Decision(null, [new Change(ChangeField.Item, false, null, null, Noted(MetadataOnly, facts))]);
            }

            state = Create(facts, changes);
        }
        else
        {
            state = DecideWatched(local, previousView, facts, changes);
        }

        state = ReconcileProgress.Decide(local, state, facts, options, changes);

        if (!options.ImportEnabled)
        {
            // Work out what the backend would have changed, so the history can say what was held back.
            for (var i = 0; i < changes.Count; i++)
            {
                if (changes[i].Applied)
                {
                    changes[i] = changes[i] with { Applied = false, Reason = MetadataOnly };
                }
            }

            state = local!;
        }

        if (facts.SkewNote is not null)
        {
            for (var i = 0; i < changes.Count; i++)
            {
                changes[i] = changes[i] with { Reason = ChangeText.With(changes[i].Reason, facts.SkewNote) };
            }
        }

        return new Decision(state, changes);
    }

    private static ItemState Create(ReconcileFacts facts, List<Change> changes)
    {
        var watched = facts.MayChangeWatched && facts.Played;
        var stateAt = watched
            ? facts.EffectivePlayedAt
            : facts.MayChangeWatched && facts.ExplicitUnplay ? facts.ReceivedAt : ItemState.UnknownTime;
        var reason = watched ? ChangeText.With("first seen, played", facts.UndatedNote) : "first seen";
        changes.Add(new Change(ChangeField.Item, true, null, ChangeText.Flag(watched), reason));
        return new ItemState(watched, stateAt, 0, null);
    }

    private static ItemState DecideWatched(ItemState local, BackendView? previousView, ReconcileFacts facts, List<Change> changes)
    {
        if (!facts.MayChangeWatched)
        {
            return local;
        }

        return facts.Played
            ? Play(local, facts, changes)
            : Unplay(local, previousView, facts, changes);
    }

    private static ItemState Play(ItemState local, ReconcileFacts facts, List<Change> changes)
    {
        var at = facts.EffectivePlayedAt;
        if (local.Watched)
        {
            // A play without a date of its own is no evidence of when; moving the date on every such listing
            // would also rewrite the item on every import.
            if (facts.PlayedAt is { } real && real > local.StateAt)
            {
                changes.Add(new Change(
                    ChangeField.Watched, true, ChangeText.WatchedAt(local.StateAt), ChangeText.WatchedAt(real), NewerPlayDate));
                return local with { StateAt = real };
            }

            return local;
        }

        if (at > local.StateAt)
        {
            var reason = ChangeText.With($"played at {ChangeText.Time(at)}, newer than local state", facts.UndatedNote);
            changes.Add(new Change(ChangeField.Watched, true, ChangeText.Unwatched, ChangeText.Watched, reason));
            return local with { Watched = true, StateAt = at };
        }

        var refused = ChangeText.With(
            $"{OlderThanLocal}: played at {ChangeText.Time(at)}, local state from {ChangeText.Time(local.StateAt)}",
            facts.UndatedNote);
        changes.Add(new Change(ChangeField.Watched, false, ChangeText.Unwatched, ChangeText.Watched, refused));
        return local;
    }

    private static ItemState Unplay(ItemState local, BackendView? previousView, ReconcileFacts facts, List<Change> changes)
    {
        if (!local.Watched)
        {
            return local;
        }

        var refusal = facts.ExplicitUnplay
            ? facts.ReceivedAt > local.StateAt
                ? null
                : $"{OlderThanLocal}: unplayed at {ChangeText.Time(facts.ReceivedAt)}, local state from {ChangeText.Time(local.StateAt)}"
            : UnplayProofMissing(local, previousView, facts.Observation);

        if (refusal is not null)
        {
            changes.Add(new Change(ChangeField.Watched, false, ChangeText.Watched, ChangeText.Unwatched, refusal));
            return local;
        }

        var reason = facts.ExplicitUnplay
            ? "marked unplayed"
            : "unplayed where it was played before, with the same added date";
        changes.Add(new Change(ChangeField.Watched, true, ChangeText.Watched, ChangeText.Unwatched, reason));
        return local with { Watched = false, StateAt = facts.ReceivedAt };
    }

    /// <summary>
    /// Null when the backend proves a real unplay: it reported this item played last time, reports it unplayed
    /// now with the same added date (so the file was not re-scanned), and no newer play happened elsewhere.
    /// </summary>
    private static string? UnplayProofMissing(ItemState local, BackendView? previousView, Observation o)
    {
        if (previousView is not { Played: true })
        {
            return NoProofListing;
        }

        // The backend's own dates are compared as sent: equality is about its records, not our clock.
        if (o.AddedAt is null && previousView.AddedAt is null)
        {
            return NoProofAddedDate;
        }

        if (o.AddedAt != previousView.AddedAt)
        {
            return Rescanned;
        }

        if (previousView.PlayedAt is not { } previousPlay)
        {
            return NoProofUndatedPlay;
        }

        return local.StateAt <= previousPlay ? null : NewerPlayElsewhere;
    }

    private static string Noted(string reason, ReconcileFacts facts) => ChangeText.With(reason, facts.SkewNote);
}
