using Microsoft.Data.Sqlite;
using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>The prepared write statements of an import; parameters are reused row after row.</summary>
internal sealed class ImportCommands : IDisposable
{
    private readonly SqliteCommand _insertItem;
    private readonly SqliteCommand _updateItem;
    private readonly SqliteCommand _insertKey;
    private readonly SqliteCommand _upsertView;
    private readonly SqliteCommand _insertHistory;
    private readonly SqliteCommand _insertConflict;
    private readonly SqliteCommand _setCursor;

    public ImportCommands(SqliteConnection connection, string identity, string backend)
    {
        _insertItem = Prepare(connection, identity, backend, """
            INSERT INTO items (identity, type, title, year, series_title, season, episode, watched, state_at, progress_ms, progress_at, created_at, updated_at)
            VALUES ($identity, $type, $title, $year, $series_title, $season, $episode, $watched, $state_at, $progress_ms, $progress_at, $now, $now)
            RETURNING id
            """, "$type", "$title", "$year", "$series_title", "$season", "$episode", "$watched", "$state_at", "$progress_ms", "$progress_at", "$now");
        _updateItem = Prepare(connection, identity, backend, """
            UPDATE items SET watched = $watched, state_at = $state_at, progress_ms = $progress_ms, progress_at = $progress_at, updated_at = $now
            WHERE id = $id
            """, "$id", "$watched", "$state_at", "$progress_ms", "$progress_at", "$now");
        _insertKey = Prepare(connection, identity, backend, """
            INSERT OR IGNORE INTO item_keys (identity, key, item_id) VALUES ($identity, $key, $item_id)
            """, "$key", "$item_id");
        _upsertView = Prepare(connection, identity, backend, """
            INSERT INTO backend_views (identity, backend, remote_id, part, item_id, played, played_at, added_at, progress_ms, play_count, updated_at)
            VALUES ($identity, $backend, $remote_id, $part, $item_id, $played, $played_at, $added_at, $progress_ms, $play_count, $now)
            ON CONFLICT (identity, backend, remote_id, part) DO UPDATE SET
                item_id = excluded.item_id, played = excluded.played, played_at = excluded.played_at, added_at = excluded.added_at,
                progress_ms = excluded.progress_ms, play_count = excluded.play_count, updated_at = excluded.updated_at
            """, "$remote_id", "$part", "$item_id", "$played", "$played_at", "$added_at", "$progress_ms", "$play_count", "$now");
        _insertHistory = Prepare(connection, identity, backend, """
            INSERT INTO history (item_id, identity, backend, at, kind, field, applied, from_value, to_value, reason)
            VALUES ($item_id, $identity, $backend, $now, $kind, $field, $applied, $from, $to, $reason)
            """, "$item_id", "$now", "$kind", "$field", "$applied", "$from", "$to", "$reason");
        _insertConflict = Prepare(connection, identity, backend, """
            INSERT OR IGNORE INTO conflicts (identity, key, item_id, other_item_id, backend, remote_id, at)
            VALUES ($identity, $key, $item_id, $other_item_id, $backend, $remote_id, $now)
            """, "$key", "$item_id", "$other_item_id", "$remote_id", "$now");
        _setCursor = Prepare(connection, identity, backend, """
            INSERT INTO cursors (identity, backend, direction, value, updated_at) VALUES ($identity, $backend, $direction, $value, $now)
            ON CONFLICT (identity, backend, direction) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, "$direction", "$value", "$now");
    }

    private IEnumerable<SqliteCommand> All =>
        [_insertItem, _updateItem, _insertKey, _upsertView, _insertHistory, _insertConflict, _setCursor];

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in All)
        {
            command.Transaction = transaction;
        }
    }

    public long InsertItem(Observation o, ItemState state, DateTimeOffset now)
    {
        var p = _insertItem.Parameters;
        p["$type"].Value = (int)o.Type;
        p["$title"].Value = o.Title;
        p["$year"].Value = (object?)o.Year ?? DBNull.Value;
        p["$series_title"].Value = (object?)o.SeriesTitle ?? DBNull.Value;
        p["$season"].Value = (object?)o.Season ?? DBNull.Value;
        p["$episode"].Value = (object?)o.Episode ?? DBNull.Value;
        SetState(p, state);
        p["$now"].Value = Time.ToDb(now);
        return (long)_insertItem.ExecuteScalar()!;
    }

    public void UpdateItemState(long itemId, ItemState state, DateTimeOffset now)
    {
        var p = _updateItem.Parameters;
        p["$id"].Value = itemId;
        SetState(p, state);
        p["$now"].Value = Time.ToDb(now);
        _updateItem.ExecuteNonQuery();
    }

    public bool InsertKey(string key, long itemId)
    {
        _insertKey.Parameters["$key"].Value = key;
        _insertKey.Parameters["$item_id"].Value = itemId;
        return _insertKey.ExecuteNonQuery() == 1;
    }

    public void UpsertView(Observation o, long itemId, DateTimeOffset now)
    {
        var p = _upsertView.Parameters;
        p["$remote_id"].Value = o.RemoteId;
        p["$part"].Value = o.Part;
        p["$item_id"].Value = itemId;
        p["$played"].Value = o.Played ? 1 : 0;
        p["$played_at"].Value = Time.ToDb(o.PlayedAt);
        p["$added_at"].Value = Time.ToDb(o.AddedAt);
        p["$progress_ms"].Value = o.ProgressMs;
        p["$play_count"].Value = o.PlayCount;
        p["$now"].Value = Time.ToDb(now);
        _upsertView.ExecuteNonQuery();
    }

    public void InsertHistory(long itemId, Observation o, Change change, DateTimeOffset now)
    {
        var p = _insertHistory.Parameters;
        p["$item_id"].Value = itemId;
        p["$now"].Value = Time.ToDb(now);
        p["$kind"].Value = HistoryKinds.Of(o.Kind);
        p["$field"].Value = HistoryKinds.Of(change.Field);
        p["$applied"].Value = change.Applied ? 1 : 0;
        p["$from"].Value = (object?)change.From ?? DBNull.Value;
        p["$to"].Value = (object?)change.To ?? DBNull.Value;
        p["$reason"].Value = change.Reason;
        _insertHistory.ExecuteNonQuery();
    }

    public void InsertConflict(string key, long itemId, long otherItemId, Observation o, DateTimeOffset now)
    {
        var p = _insertConflict.Parameters;
        p["$key"].Value = key;
        p["$item_id"].Value = itemId;
        p["$other_item_id"].Value = otherItemId;
        p["$remote_id"].Value = o.RemoteId;
        p["$now"].Value = Time.ToDb(now);
        _insertConflict.ExecuteNonQuery();
    }

    public void SetCursor(string direction, string value, DateTimeOffset now)
    {
        var p = _setCursor.Parameters;
        p["$direction"].Value = direction;
        p["$value"].Value = value;
        p["$now"].Value = Time.ToDb(now);
        _setCursor.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in All)
        {
            command.Dispose();
        }
    }

    private static void SetState(SqliteParameterCollection p, ItemState state)
    {
        p["$watched"].Value = state.Watched ? 1 : 0;
        p["$state_at"].Value = Time.ToDb(state.StateAt);
        p["$progress_ms"].Value = state.ProgressMs;
        p["$progress_at"].Value = Time.ToDb(state.ProgressAt);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string identity, string backend, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (sql.Contains("$identity", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$identity", identity);
        }

        if (sql.Contains("$backend", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$backend", backend);
        }

        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        return command;
    }
}
