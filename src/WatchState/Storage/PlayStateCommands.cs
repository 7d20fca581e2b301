using Microsoft.Data.Sqlite;
using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>Reads and writes one item's state for a change made from our side.</summary>
public static class PlayStateCommands
{
    public static async Task<(MediaType Type, string Title, ItemState State)?> ReadAsync(
        SqliteConnection connection, string identity, long itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, title, watched, state_at, progress_ms, progress_at FROM items WHERE id = $id AND identity = $identity";
        command.Parameters.AddWithValue("$id", itemId);
        command.Parameters.AddWithValue("$identity", identity);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var state = new ItemState(reader.GetInt64(2) != 0, Time.FromDb(reader.GetInt64(3)), reader.GetInt64(4), Time.FromDbNullable(reader.GetValue(5)));
        return ((MediaType)reader.GetInt64(0), reader.GetString(1), state);
    }

    /// <summary>Stores the new state (when it changed) and every change of the decision, as one explicit user action.</summary>
    public static async Task SaveAsync(
        SqliteConnection connection, string identity, long itemId, Decision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(decision);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (decision.StateChanged && decision.NewState is { } state)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE items SET watched = $watched, state_at = $state_at, progress_ms = $progress_ms, progress_at = $progress_at, updated_at = $now
                WHERE id = $id
                """;
            update.Parameters.AddWithValue("$id", itemId);
            update.Parameters.AddWithValue("$watched", state.Watched ? 1 : 0);
            update.Parameters.AddWithValue("$state_at", Time.ToDb(state.StateAt));
            update.Parameters.AddWithValue("$progress_ms", state.ProgressMs);
            update.Parameters.AddWithValue("$progress_at", Time.ToDb(state.ProgressAt));
            update.Parameters.AddWithValue("$now", Time.ToDb(now));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var history = connection.CreateCommand();
        history.Transaction = transaction;
        history.CommandText = """
            INSERT INTO history (item_id, identity, backend, at, kind, field, applied, from_value, to_value, reason)
            VALUES ($item_id, $identity, NULL, $now, 'ui', $field, $applied, $from, $to, $reason)
            """;
        history.Parameters.AddWithValue("$item_id", itemId);
        history.Parameters.AddWithValue("$identity", identity);
        history.Parameters.AddWithValue("$now", Time.ToDb(now));
        foreach (var name in new[] { "$field", "$applied", "$from", "$to", "$reason" })
        {
            history.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        foreach (var change in decision.Changes)
        {
            history.Parameters["$field"].Value = HistoryKinds.Of(change.Field);
            history.Parameters["$applied"].Value = change.Applied ? 1 : 0;
            history.Parameters["$from"].Value = (object?)change.From ?? DBNull.Value;
            history.Parameters["$to"].Value = (object?)change.To ?? DBNull.Value;
            history.Parameters["$reason"].Value = "explicit: " + change.Reason;
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
