using Microsoft.Data.Sqlite;
using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>The database side of a restore: which local item a server item is, and recording what was restored.</summary>
public static class RestoreCommands
{
    /// <summary>The local item of each given remote item of <paramref name="backend"/> (in one query); unknown ids are absent.</summary>
    public static async Task<Dictionary<string, long>> ItemIdsAsync(
        SqliteConnection connection, string identity, string backend, IEnumerable<string> remoteIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT remote_id, item_id FROM backend_views
            WHERE identity = $identity AND backend = $backend AND part = 0 AND remote_id IN (SELECT value FROM json_each($ids))
            """;
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$backend", backend);
        command.Parameters.AddWithValue("$ids", JsonList.Of(remoteIds));
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetString(0)] = reader.GetInt64(1);
        }

        return ids;
    }

    /// <summary>
    /// Puts what was restored on the server into the local state as explicit restore observations, decided by the
    /// <see cref="Reconciler"/>: one read of the items, one transaction. Without this the next export would push the
    /// state the restore repaired back onto the server.
    /// </summary>
    /// <returns>How many items' local state changed.</returns>
    public static async Task<int> RecordAsync(
        SqliteConnection connection,
        string identity,
        IReadOnlyList<(long ItemId, Observation Observation)> restored,
        ReconcileOptions options,
        string reasonPrefix,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(restored);
        if (restored.Count == 0)
        {
            return 0;
        }

        var states = await StatesAsync(connection, identity, restored.Select(r => r.ItemId), cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE items SET watched = $watched, state_at = $state_at, progress_ms = $progress_ms, progress_at = $progress_at, updated_at = $now
            WHERE id = $id
            """;
        await using var history = connection.CreateCommand();
        history.Transaction = transaction;
        history.CommandText = """
            INSERT INTO history (item_id, identity, backend, at, kind, field, applied, from_value, to_value, reason)
            VALUES ($id, $identity, $backend, $now, 'restore', $field, $applied, $from, $to, $reason)
            """;
        foreach (var (command, names) in new[]
        {
            (update, new[] { "$id", "$watched", "$state_at", "$progress_ms", "$progress_at" }),
            (history, new[] { "$id", "$identity", "$backend", "$field", "$applied", "$from", "$to", "$reason" }),
        })
        {
            command.Parameters.AddWithValue("$now", Time.ToDb(now));
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }
        }

        history.Parameters["$identity"].Value = identity;
        var changed = 0;
        foreach (var (itemId, observation) in restored)
        {
            if (!states.TryGetValue(itemId, out var local))
            {
                continue;
            }

            var decision = Reconciler.Decide(local, null, observation, options);
            if (decision.StateChanged && decision.NewState is { } state)
            {
                update.Parameters["$id"].Value = itemId;
                update.Parameters["$watched"].Value = state.Watched ? 1 : 0;
                update.Parameters["$state_at"].Value = Time.ToDb(state.StateAt);
                update.Parameters["$progress_ms"].Value = state.ProgressMs;
                update.Parameters["$progress_at"].Value = Time.ToDb(state.ProgressAt);
                await update.ExecuteNonQueryAsync(cancellationToken);
                changed++;
            }

            history.Parameters["$id"].Value = itemId;
            history.Parameters["$backend"].Value = observation.Backend;
            foreach (var change in decision.Changes)
            {
                history.Parameters["$field"].Value = HistoryKinds.Of(change.Field);
                history.Parameters["$applied"].Value = change.Applied ? 1 : 0;
                history.Parameters["$from"].Value = (object?)change.From ?? DBNull.Value;
                history.Parameters["$to"].Value = (object?)change.To ?? DBNull.Value;
                history.Parameters["$reason"].Value = $"{reasonPrefix}: {change.Reason}";
                await history.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task<Dictionary<long, ItemState>> StatesAsync(
        SqliteConnection connection, string identity, IEnumerable<long> itemIds, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, watched, state_at, progress_ms, progress_at FROM items
            WHERE identity = $identity AND id IN (SELECT value FROM json_each($ids))
            """;
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$ids", JsonList.Of(itemIds));
        var states = new Dictionary<long, ItemState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetInt64(0)] = new ItemState(
                reader.GetInt64(1) != 0, Time.FromDb(reader.GetInt64(2)), reader.GetInt64(3), Time.FromDbNullable(reader.GetValue(4)));
        }

        return states;
    }
}
