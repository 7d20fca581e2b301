using Microsoft.Data.Sqlite;
using WatchState.Domain;
using WatchState.Export;

namespace WatchState.Storage;

/// <summary>The outbox table on one connection: queue planned writes, read what is due, list for the user.</summary>
public sealed class OutboxStore(SqliteConnection connection, string identity)
{
    private const string Columns = """
        o.id, o.backend, o.item_id, i.title, i.type, i.series_title, i.season, i.episode, o.remote_id, o.kind, o.payload, o.reason,
        o.attempts, o.next_attempt_at, o.status, o.last_error, o.created_at, o.updated_at
        """;

    /// <summary>Queues the writes in one transaction; a write for a remote item that already has an open one replaces it.</summary>
    public async Task<int> EnqueueAsync(IEnumerable<PlannedWrite> writes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO outbox (identity, backend, remote_id, item_id, kind, payload, reason, attempts, next_attempt_at, status, created_at, updated_at)
            VALUES ($identity, $backend, $remote_id, $item_id, $kind, $payload, $reason, 0, $now, 'pending', $now, $now)
            ON CONFLICT (identity, backend, remote_id) WHERE status IN ('pending', 'failed') DO UPDATE SET
                item_id = excluded.item_id, kind = excluded.kind, payload = excluded.payload, reason = excluded.reason,
                status = 'pending', next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
            """;
        var p = command.Parameters;
        p.AddWithValue("$identity", identity);
        foreach (var name in new[] { "$backend", "$remote_id", "$item_id", "$kind", "$payload", "$reason" })
        {
            p.Add(new SqliteParameter(name, DBNull.Value));
        }

        p.AddWithValue("$now", Time.ToDb(now));
        var count = 0;
        foreach (var w in writes)
        {
            p["$backend"].Value = w.Backend;
            p["$remote_id"].Value = w.Write.RemoteId;
            p["$item_id"].Value = w.ItemId;
            p["$kind"].Value = WriteText.KindName(w.Write.Kind);
            p["$payload"].Value = OutboxPayload.Of(w.Write);
            p["$reason"].Value = w.Reason;
            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>The pending writes of one backend, oldest first; with <paramref name="dueBy"/>, only those due by then.</summary>
    public Task<List<OutboxEntry>> PendingAsync(string backend, DateTimeOffset? dueBy, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM outbox o JOIN items i ON i.id = o.item_id WHERE o.identity = $identity AND o.backend = $backend AND o.status = 'pending' AND ($due IS NULL OR o.next_attempt_at <= $due) ORDER BY o.id",
            cancellationToken,
            ("$backend", backend),
            ("$due", dueBy is { } d ? Time.ToDb(d) : DBNull.Value));

    /// <summary>Pending and failed writes (or only failed ones), for <c>outbox:list</c>.</summary>
    public Task<List<OutboxEntry>> ListAsync(bool failedOnly, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM outbox o JOIN items i ON i.id = o.item_id WHERE o.identity = $identity AND o.status IN ('failed'{(failedOnly ? "" : ", 'pending'")}) ORDER BY o.backend, o.id",
            cancellationToken);

    /// <summary>One page of the outbox (every status, or one), newest first, and how many rows match.</summary>
    public async Task<(List<OutboxEntry> Entries, long Total)> PageAsync(OutboxStatus? status, long offset, int limit, CancellationToken cancellationToken)
    {
        var filter = "o.identity = $identity AND ($status IS NULL OR o.status = $status)";
        var statusName = status is { } s ? (object)OutboxStatusNames.Of(s) : DBNull.Value;
        var entries = await QueryAsync(
            $"SELECT {Columns} FROM outbox o JOIN items i ON i.id = o.item_id WHERE {filter} ORDER BY o.id DESC LIMIT $limit OFFSET $offset",
            cancellationToken,
            ("$status", statusName),
            ("$limit", limit),
            ("$offset", offset));
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM outbox o WHERE {filter}";
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$status", statusName);
        return (entries, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM outbox o JOIN items i ON i.id = o.item_id WHERE o.identity = $identity AND o.id = $id", cancellationToken, ("$id", id)))
        .FirstOrDefault();

    /// <summary>The latest writes planned for one item (every status), newest first: its page in the web UI.</summary>
    public Task<List<OutboxEntry>> ForItemAsync(long itemId, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM outbox o JOIN items i ON i.id = o.item_id WHERE o.identity = $identity AND o.item_id = $item ORDER BY o.id DESC LIMIT $limit",
            cancellationToken,
            ("$item", itemId),
            ("$limit", limit));

    /// <summary>
    /// Sends a pending or failed write again at the next drain, with a fresh count of attempts; false when the row is
    /// not open (done or dropped rows are history, not work).
    /// </summary>
    public async Task<bool> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $now, updated_at = $now
            WHERE identity = $identity AND id = $id AND status IN ('pending', 'failed')
            """;
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", Time.ToDb(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Forgets finished writes (done or dropped) last touched before <paramref name="before"/>; their history stays.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outbox WHERE identity = $identity AND status IN ('done', 'dropped') AND updated_at < $before";
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$before", Time.ToDb(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True when the backend has writes not yet done (pending or failed).</summary>
    public async Task<bool> HasOpenAsync(string backend, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM outbox WHERE identity = $identity AND backend = $backend AND status IN ('pending', 'failed'))";
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$backend", backend);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! != 0;
    }

    /// <summary>The stored views (part 0) of the given remote items of one backend.</summary>
    public async Task<Dictionary<string, BackendView>> ViewsAsync(string backend, IEnumerable<string> remoteIds, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT remote_id, played, played_at, added_at, progress_ms, play_count FROM backend_views
            WHERE identity = $identity AND backend = $backend AND part = 0 AND remote_id IN (SELECT value FROM json_each($ids))
            """;
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$backend", backend);
        command.Parameters.AddWithValue("$ids", JsonList.Of(remoteIds));
        var views = new Dictionary<string, BackendView>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            views[reader.GetString(0)] = new BackendView(
                reader.GetInt64(1) != 0,
                Time.FromDbNullable(reader.GetValue(2)),
                Time.FromDbNullable(reader.GetValue(3)),
                reader.GetInt64(4),
                (int)reader.GetInt64(5));
        }

        return views;
    }

    private async Task<List<OutboxEntry>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$identity", identity);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var entries = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    private static OutboxEntry Read(SqliteDataReader r)
    {
        var title = r.GetString(3);
        if ((MediaType)r.GetInt64(4) == MediaType.Episode && !r.IsDBNull(5))
        {
            title = FormattableString.Invariant(
                $"{r.GetString(5)} S{(r.IsDBNull(6) ? 0 : r.GetInt64(6)):00}E{(r.IsDBNull(7) ? 0 : r.GetInt64(7)):00}");
        }

        return new OutboxEntry(
            r.GetInt64(0),
            r.GetString(1),
            r.GetInt64(2),
            title,
            OutboxPayload.Read(r.GetString(8), WriteText.ParseKind(r.GetString(9)), r.GetString(10)),
            r.GetString(11),
            (int)r.GetInt64(12),
            Time.FromDb(r.GetInt64(13)),
            OutboxStatusNames.Parse(r.GetString(14)),
            r.IsDBNull(15) ? null : r.GetString(15),
            Time.FromDb(r.GetInt64(16)),
            Time.FromDb(r.GetInt64(17)));
    }
}
