using Microsoft.Data.Sqlite;
using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>
/// The writes of an import. New rows are buffered per table and written many per statement when the page is
/// flushed; items get their ids here, so keys, views and history can point at them before they are written.
/// </summary>
internal sealed class ImportCommands : IDisposable
{
    private readonly string _identity;
    private readonly string _backend;
    private readonly SqliteCommand _nextItemId;
    private readonly SqliteCommand _updateItem;
    private readonly SqliteCommand _setCursor;
    private readonly RowBatch _items;
    private readonly RowBatch _keys;
    private readonly RowBatch _views;
    private readonly RowBatch _newViews;
    private readonly RowBatch _history;
    private readonly RowBatch _conflicts;
    private readonly Dictionary<long, object?[]> _pendingItems = [];
    private long _nextId;

    public ImportCommands(SqliteConnection connection, string identity, string backend)
    {
        _identity = identity;
        _backend = backend;
        _nextItemId = Command(connection, "SELECT coalesce(max(id), 0) + 1 FROM items");
        _updateItem = Command(connection, """
            UPDATE items SET watched = $watched, state_at = $state_at, progress_ms = $progress_ms, progress_at = $progress_at, updated_at = $now
            WHERE id = $id
            """, "$id", "$watched", "$state_at", "$progress_ms", "$progress_at", "$now");
        _setCursor = Command(connection, """
            INSERT INTO cursors (identity, backend, direction, value, updated_at) VALUES ($identity, $backend, $direction, $value, $now)
            ON CONFLICT (identity, backend, direction) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, "$identity", "$backend", "$direction", "$value", "$now");
        _items = new RowBatch(
            connection,
            "INSERT INTO items (id, identity, type, title, year, series_title, season, episode, watched, state_at, progress_ms, progress_at, created_at, updated_at)",
            14);
        _keys = new RowBatch(connection, "INSERT OR IGNORE INTO item_keys (identity, key, item_id)", 3);
        _views = new RowBatch(
            connection,
            "INSERT INTO backend_views (identity, backend, remote_id, part, item_id, played, played_at, added_at, progress_ms, play_count, updated_at, show_remote_id)",
            12,
            """
            ON CONFLICT (identity, backend, remote_id, part) DO UPDATE SET
                item_id = excluded.item_id, played = excluded.played, played_at = excluded.played_at, added_at = excluded.added_at,
                progress_ms = excluded.progress_ms, play_count = excluded.play_count, updated_at = excluded.updated_at,
                show_remote_id = coalesce(excluded.show_remote_id, show_remote_id)
            """);
        // A view this run has not seen before; OR REPLACE only matters if a server pages an item twice.
        _newViews = new RowBatch(
            connection,
            "INSERT OR REPLACE INTO backend_views (identity, backend, remote_id, part, item_id, played, played_at, added_at, progress_ms, play_count, updated_at, show_remote_id)",
            12);
        _history = new RowBatch(
            connection,
            "INSERT INTO history (item_id, identity, backend, at, kind, field, applied, from_value, to_value, reason)",
            10);
        _conflicts = new RowBatch(
            connection,
            "INSERT OR IGNORE INTO conflicts (identity, key, item_id, other_item_id, backend, remote_id, at)",
            7);
    }

    private IEnumerable<RowBatch> Batches => [_items, _keys, _newViews, _views, _history, _conflicts];

    /// <summary>Joins a new transaction. Ids are read again: only this transaction can write items until it ends.</summary>
    public void Enlist(SqliteTransaction transaction)
    {
        _nextItemId.Transaction = transaction;
        _updateItem.Transaction = transaction;
        _setCursor.Transaction = transaction;
        foreach (var batch in Batches)
        {
            batch.Enlist(transaction);
        }

        _nextId = (long)_nextItemId.ExecuteScalar()!;
    }

    public long InsertItem(Observation o, ItemState state, DateTimeOffset now)
    {
        var id = _nextId++;
        var at = Time.ToDb(now);
        object?[] row =
        [
            id, _identity, (int)o.Type, o.Title, o.Year, o.SeriesTitle, o.Season, o.Episode,
            state.Watched ? 1 : 0, Time.ToDb(state.StateAt), state.ProgressMs, NullableTime(state.ProgressAt), at, at,
        ];
        _items.Add(row);
        _pendingItems[id] = row;
        return id;
    }

    public void UpdateItemState(long itemId, ItemState state, DateTimeOffset now)
    {
        // An item created earlier in the same page is still in the buffer: change the row before it is written.
        if (_pendingItems.TryGetValue(itemId, out var row))
        {
            row[8] = state.Watched ? 1 : 0;
            row[9] = Time.ToDb(state.StateAt);
            row[10] = state.ProgressMs;
            row[11] = NullableTime(state.ProgressAt);
            row[13] = Time.ToDb(now);
            return;
        }

        var p = _updateItem.Parameters;
        p["$id"].Value = itemId;
        p["$watched"].Value = state.Watched ? 1 : 0;
        p["$state_at"].Value = Time.ToDb(state.StateAt);
        p["$progress_ms"].Value = state.ProgressMs;
        p["$progress_at"].Value = Time.ToDb(state.ProgressAt);
        p["$now"].Value = Time.ToDb(now);
        _updateItem.ExecuteNonQuery();
    }

    public void InsertKey(string key, long itemId) => _keys.Add(_identity, key, itemId);

    /// <summary>Records what the backend reported; <paramref name="isNew"/> skips the conflict check of an upsert.</summary>
    public void SaveView(Observation o, long itemId, bool isNew, DateTimeOffset now) => (isNew ? _newViews : _views).Add(
        _identity, _backend, o.RemoteId, o.Part, itemId, o.Played ? 1 : 0, NullableTime(o.PlayedAt), NullableTime(o.AddedAt),
        o.ProgressMs, o.PlayCount, Time.ToDb(now), o.ShowRemoteId);

    public void InsertHistory(long itemId, Observation o, Change change, DateTimeOffset now) => _history.Add(
        itemId, _identity, _backend, Time.ToDb(now), HistoryKinds.Of(o.Kind), HistoryKinds.Of(change.Field),
        change.Applied ? 1 : 0, change.From, change.To, change.Reason);

    public void InsertConflict(string key, long itemId, long otherItemId, Observation o, DateTimeOffset now) =>
        _conflicts.Add(_identity, key, itemId, otherItemId, _backend, o.RemoteId, Time.ToDb(now));

    /// <summary>Writes the buffered rows, items first so that the rows pointing at them find them.</summary>
    public void Flush()
    {
        foreach (var batch in Batches)
        {
            batch.Flush();
        }

        _pendingItems.Clear();
    }

    public void Discard()
    {
        foreach (var batch in Batches)
        {
            batch.Discard();
        }

        _pendingItems.Clear();
    }

    public void SetCursor(string direction, string value, DateTimeOffset now)
    {
        var p = _setCursor.Parameters;
        p["$identity"].Value = _identity;
        p["$backend"].Value = _backend;
        p["$direction"].Value = direction;
        p["$value"].Value = value;
        p["$now"].Value = Time.ToDb(now);
        _setCursor.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _nextItemId.Dispose();
        _updateItem.Dispose();
        _setCursor.Dispose();
        foreach (var batch in Batches)
        {
            batch.Dispose();
        }
    }

    private static long? NullableTime(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }
}
