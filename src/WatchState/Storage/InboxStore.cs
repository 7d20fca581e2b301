using Microsoft.Data.Sqlite;

namespace WatchState.Storage;

/// <summary>
/// The durable inbox of received webhooks. A row is committed before the sender gets its answer; the webhook
/// worker marks it done in the same transaction that applies it, so each row takes effect exactly once.
/// </summary>
public sealed class InboxStore(Database database)
{
    private const string Columns = "id, received_at, source, event, content_type, user_agent, status, reason, backends, attempts, done_at, identity";

    public async Task<long> AddAsync(NewInboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO inbox (received_at, source, event, content_type, user_agent, body)
            VALUES ($received_at, $source, $event, $content_type, $user_agent, $body)
            RETURNING id
            """;
        command.Parameters.AddWithValue("$received_at", Time.ToDb(entry.ReceivedAt));
        command.Parameters.AddWithValue("$source", entry.Source);
        command.Parameters.AddWithValue("$event", entry.Event);
        command.Parameters.AddWithValue("$content_type", entry.ContentType);
        command.Parameters.AddWithValue("$user_agent", (object?)entry.UserAgent ?? DBNull.Value);
        command.Parameters.AddWithValue("$body", entry.Body.ToArray());
        using var turn = await database.Writes.EnterAsync(cancellationToken);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Newest first, without bodies.</summary>
    public async Task<IReadOnlyList<InboxEntry>> ListAsync(string? status, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, NULL FROM inbox WHERE ($status IS NULL OR status = $status) ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$status", (object?)status ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit <= 0 ? -1 : limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>One page, newest first, without bodies, and how many rows match.</summary>
    public Task<(IReadOnlyList<InboxEntry> Entries, long Total)> PageAsync(string? status, long offset, int limit, CancellationToken cancellationToken) =>
        PageAsync(status, null, offset, limit, cancellationToken);

    /// <summary>One page of one status and/or one source (plex, jellyfin, live:NAME ...), newest first, and how many rows match.</summary>
    public async Task<(IReadOnlyList<InboxEntry> Entries, long Total)> PageAsync(
        string? status, string? source, long offset, int limit, CancellationToken cancellationToken)
    {
        const string filter = "($status IS NULL OR status = $status) AND ($source IS NULL OR source = $source)";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, NULL FROM inbox WHERE {filter} ORDER BY id DESC LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$status", (object?)status ?? DBNull.Value);
        command.Parameters.AddWithValue("$source", (object?)source ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        var entries = await ReadAsync(command, cancellationToken);
        command.CommandText = $"SELECT COUNT(*) FROM inbox WHERE {filter}";
        return (entries, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>The sources events came from, for a filter.</summary>
    public async Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT source FROM inbox ORDER BY source";
        var sources = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(reader.GetString(0));
        }

        return sources;
    }

    public async Task<InboxEntry?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, body FROM inbox WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await ReadAsync(command, cancellationToken) is [var entry, ..] ? entry : null;
    }

    /// <summary>The oldest pending rows, bodies included, in the order they arrived.</summary>
    public static async Task<IReadOnlyList<InboxEntry>> PendingAsync(SqliteConnection connection, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, body FROM inbox WHERE status = 'pending' ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Marks a row done inside the transaction that applied it; false when it was no longer pending.</summary>
    public static bool MarkDone(
        SqliteConnection connection, SqliteTransaction transaction, long id, string status, string? reason, string? backends, DateTimeOffset now, string? identity = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE inbox SET status = $status, reason = $reason, backends = $backends, identity = $identity, attempts = attempts + 1, done_at = $now
            WHERE id = $id AND status = 'pending'
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$backends", (object?)backends ?? DBNull.Value);
        command.Parameters.AddWithValue("$identity", (object?)identity ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", Time.ToDb(now));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Counts a failed attempt; after <paramref name="maxAttempts"/> the row is given up as failed.</summary>
    public static async Task RecordFailureAsync(
        SqliteConnection connection, long id, string reason, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE inbox SET attempts = attempts + 1, reason = $reason,
                status = CASE WHEN attempts + 1 >= $max THEN 'failed' ELSE status END,
                done_at = CASE WHEN attempts + 1 >= $max THEN $now ELSE done_at END
            WHERE id = $id AND status = 'pending'
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$max", maxAttempts);
        command.Parameters.AddWithValue("$now", Time.ToDb(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Puts a row back in the queue (<c>events:replay</c>); false when there is no such row.</summary>
    public async Task<bool> RequeueAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE inbox SET status = 'pending', reason = NULL, backends = NULL, identity = NULL, attempts = 0, done_at = NULL WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Forgets finished webhooks older than <paramref name="before"/>; pending ones are always kept.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM inbox WHERE status <> 'pending' AND done_at IS NOT NULL AND done_at < $before";
        command.Parameters.AddWithValue("$before", Time.ToDb(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<InboxEntry>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<InboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new InboxEntry(
                reader.GetInt64(0),
                Time.FromDb(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(12) ? [] : (byte[])reader.GetValue(12),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                (int)reader.GetInt64(9),
                Time.FromDbNullable(reader.GetValue(10)))
            {
                Identity = reader.IsDBNull(11) ? null : reader.GetString(11),
            });
        }

        return entries;
    }
}
