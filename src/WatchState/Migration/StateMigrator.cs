using System.Globalization;
using Microsoft.Data.Sqlite;
using WatchState.Domain;
using WatchState.Storage;

namespace WatchState.Migration;

/// <summary>
/// Writes one identity's WatchState rows into our database through the import's own storage
/// (<see cref="ImportStore"/>: batched prepared inserts), inside the caller's transaction. Rows are read one at a
/// time and handled a page at a time: one key lookup per page, never a query per row.
/// </summary>
internal sealed class StateMigrator(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
{
    /// <summary>The pseudo-backend the item rows and their history are written under.</summary>
    public const string Source = "watchstate";

    private const int PageSize = 1000;

    public async Task MigrateAsync(
        string identity,
        IReadOnlyList<string> backends,
        SqliteConnection source,
        IdentityMigration counts,
        RowProblems problems,
        Action<long>? progress,
        CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(backends, StringComparer.Ordinal);
        using var items = new ImportStore(connection, transaction, identity, Source);
        var stores = backends.ToDictionary(b => b, b => new ImportStore(connection, transaction, identity, b), StringComparer.Ordinal);
        try
        {
            var page = new List<(StateRow Row, MappedRow Mapped)>(PageSize);
            var seenViews = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var row in StateRowReader.ReadAsync(source, cancellationToken))
            {
                counts.Rows++;
                if (StateRowMapper.Map(row, known, now) is not { } mapped)
                {
                    counts.Skipped++;
                    problems.Add(identity, $"type '{row.RawType}' is not synced (only movies and episodes)", row);
                    continue;
                }

                page.Add((row, mapped));
                if (page.Count == PageSize)
                {
                    Apply(page, identity, items, stores, seenViews, counts, problems);
                    page.Clear();
                    progress?.Invoke(counts.Rows);
                }
            }

            Apply(page, identity, items, stores, seenViews, counts, problems);
            progress?.Invoke(counts.Rows);
            items.Complete();
            foreach (var store in stores.Values)
            {
                store.Complete();
            }
        }
        finally
        {
            foreach (var store in stores.Values)
            {
                store.Dispose();
            }
        }
    }

    private void Apply(
        List<(StateRow Row, MappedRow Mapped)> page,
        string identity,
        ImportStore items,
        Dictionary<string, ImportStore> stores,
        HashSet<string> seenViews,
        IdentityMigration counts,
        RowProblems problems)
    {
        if (page.Count == 0)
        {
            return;
        }

        // Keys held by items of earlier pages (already written, same transaction); this page's are added as it goes.
        var snapshot = items.LookupItems(page.SelectMany(p => p.Mapped.Keys), []);
        foreach (var (row, mapped) in page)
        {
            foreach (var backend in mapped.UnknownBackends)
            {
                problems.Add(identity, $"metadata of backend '{backend}', which this identity's servers.yaml does not have: its id and play state were left out", row);
            }

            foreach (var backend in mapped.ViewsWithoutId)
            {
                problems.Add(identity, $"metadata of backend '{backend}' without an item id: left out", row);
            }

            var views = new List<Observation>(mapped.Views.Count);
            foreach (var view in mapped.Views)
            {
                if (seenViews.Add(view.Backend + "\n" + view.RemoteId))
                {
                    views.Add(view);
                }
                else
                {
                    problems.Add(identity, $"{view.Backend} item id already belongs to an earlier row: left out", row);
                }
            }

            if (mapped.Keys.Count == 0 && views.Count == 0)
            {
                counts.Skipped++;
                problems.Add(identity, "no usable ids: no external ids (guids, or parent ids with season and episode) and no backend item id", row);
                continue;
            }

            var itemId = mapped.Keys.Select(k => snapshot.Keys.TryGetValue(k, out var id) ? id : (long?)null).FirstOrDefault(id => id is not null);
            if (itemId is null)
            {
                itemId = items.InsertItem(mapped.Item, mapped.State, now);
                counts.Items++;
                counts.Played += mapped.State.Watched ? 1 : 0;
                counts.InProgress += !mapped.State.Watched && mapped.State.ProgressMs > 0 ? 1 : 0;
                var to = mapped.State.Watched ? "watched" : mapped.State.ProgressMs > 0 ? $"unwatched, at {ChangeText.Position(mapped.State.ProgressMs)}" : "unwatched";
                items.InsertHistory(itemId.Value, mapped.Item with { Backend = Source }, new Change(
                    ChangeField.Item, true, null, to, string.Create(CultureInfo.InvariantCulture, $"migrated from WatchState (state row {row.Id})")), now);
            }
            else
            {
                counts.Merged++;
                problems.Add(identity, "shares an external id with an earlier row: merged into that item (its play state is the earlier row's)", row);
            }

            foreach (var key in mapped.Keys)
            {
                if (snapshot.Keys.TryAdd(key, itemId.Value))
                {
                    items.InsertKey(key, itemId.Value);
                }
            }

            foreach (var view in views)
            {
                stores[view.Backend].SaveView(view, itemId.Value, isNew: true, now);
                counts.Views[view.Backend] = counts.Views.GetValueOrDefault(view.Backend) + 1;
            }
        }

        // Items first: the views point at them.
        items.CommitIfDue();
        foreach (var store in stores.Values)
        {
            store.CommitIfDue();
        }
    }
}
