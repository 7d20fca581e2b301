using WatchState.Backends;
using WatchState.Domain;
using WatchState.Ignoring;
using WatchState.Storage;

namespace WatchState.Sync;

/// <summary>
/// Applies one page of observations: bulk lookups, the Reconciler's decision per item, and writes only for what
/// changed. An item whose backend view is exactly as last time costs no statement at all.
/// </summary>
internal sealed class PageImporter(ImportStore store, ReconcileOptions options, ImportCounts counts, IgnoreRules? ignore = null)
{
    private readonly IgnoreRules _ignore = ignore ?? IgnoreRules.None;

    public void Apply(ItemPage page, DateTimeOffset now)
    {
        foreach (var skipped in page.Skipped)
        {
            counts.Skip(skipped.Reason);
        }

        var items = _ignore.HasItemRules ? WithoutIgnoredItems(page.Items) : page.Items;
        var views = store.LookupViews(items);
        var changed = new List<(Observation Observation, IReadOnlyList<string> Keys, StoredView? View)>(items.Count);
        foreach (var said in items)
        {
            // config/ignore.yaml: an id the backend reports wrongly never matches or creates an item.
            var observation = _ignore.Apply(said);
            var view = views.GetValueOrDefault(new ViewId(observation.RemoteId, observation.Part));
            if (view is not null && SameAsStored(view, observation))
            {
                counts.Unchanged++;
                continue;
            }

            var keys = ItemKeys.For(observation);
            if (keys.Count == 0 && view is null)
            {
                counts.Skip("no external ids");
                continue;
            }

            changed.Add((observation, keys, view));
        }

        if (changed.Count == 0)
        {
            return;
        }

        var snapshot = store.LookupItems(changed.SelectMany(c => c.Keys), changed.Where(c => c.View is not null).Select(c => c.View!.ItemId));
        foreach (var (observation, keys, view) in changed)
        {
            Apply(observation, keys, view, snapshot, now);
        }
    }

    /// <summary>
    /// config/ignore.yaml item rules: an ignored backend item (or an episode of an ignored show) is dropped before
    /// anything is read from it, so it neither creates, joins nor changes an item, and no view of it is stored.
    /// </summary>
    private List<Observation> WithoutIgnoredItems(IReadOnlyList<Observation> observations)
    {
        var kept = new List<Observation>(observations.Count);
        foreach (var observation in observations)
        {
            if (_ignore.ItemRuleFor(observation) is { } rule)
            {
                counts.Skip(IgnoreRules.Reason(rule));
                continue;
            }

            kept.Add(observation);
        }

        return kept;
    }

    private void Apply(Observation observation, IReadOnlyList<string> keys, StoredView? view, PageSnapshot snapshot, DateTimeOffset now)
    {
        var itemId = view?.ItemId ?? FindItem(keys, snapshot);
        var local = itemId is { } id ? snapshot.Items.GetValueOrDefault(id) : null;
        var decision = Reconciler.Decide(local, view?.View, observation, options);

        if (local is null)
        {
            if (decision.NewState is null)
            {
                counts.Skip(options.ImportEnabled ? "not imported" : "metadata-only backend: not in the local database");
                return;
            }

            itemId = store.InsertItem(observation, decision.NewState, now);
            snapshot.Items[itemId.Value] = decision.NewState;
            counts.Added++;
        }
        else if (decision.StateChanged && decision.NewState is not null)
        {
            store.UpdateItemState(itemId!.Value, decision.NewState, now);
            snapshot.Items[itemId.Value] = decision.NewState;
            counts.Updated++;
        }
        else
        {
            counts.Matched++;
        }

        var item = itemId!.Value;
        AddKeys(observation, keys, item, snapshot, now);
        store.SaveView(observation, item, isNew: view is null, now);
        foreach (var change in decision.Changes)
        {
            store.InsertHistory(item, observation, change, now);
            if (!change.Applied)
            {
                counts.Refused++;
            }
        }
    }

    private static long? FindItem(IReadOnlyList<string> keys, PageSnapshot snapshot)
    {
        // Keys come strongest first, so the first hit decides; other hits are conflicts, recorded in AddKeys.
        foreach (var key in keys)
        {
            if (snapshot.Keys.TryGetValue(key, out var id))
            {
                return id;
            }
        }

        return null;
    }

    private void AddKeys(Observation observation, IReadOnlyList<string> keys, long itemId, PageSnapshot snapshot, DateTimeOffset now)
    {
        foreach (var key in keys)
        {
            if (!snapshot.Keys.TryGetValue(key, out var owner))
            {
                store.InsertKey(key, itemId);
                snapshot.Keys[key] = itemId;
            }
            else if (owner != itemId)
            {
                store.InsertConflict(key, owner, itemId, observation, now);
                counts.Conflicts++;
            }
        }
    }

    // A show id the stored view lacks (stored before the column existed) is written once, so show rules reach export.
    private static bool SameAsStored(StoredView view, Observation o) =>
        (o.ShowRemoteId is null || string.Equals(view.ShowRemoteId, o.ShowRemoteId, StringComparison.Ordinal))
        && SameAsStored(view.View, o);

    private static bool SameAsStored(BackendView stored, Observation o) =>
        stored.Played == o.Played
        && stored.ProgressMs == o.ProgressMs
        && stored.PlayCount == o.PlayCount
        && SameMillisecond(stored.PlayedAt, o.PlayedAt)
        && SameMillisecond(stored.AddedAt, o.AddedAt);

    // The database keeps milliseconds; servers send up to 100 ns precision.
    private static bool SameMillisecond(DateTimeOffset? a, DateTimeOffset? b) =>
        a?.ToUnixTimeMilliseconds() == b?.ToUnixTimeMilliseconds();
}
