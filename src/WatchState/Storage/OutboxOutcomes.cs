using Microsoft.Data.Sqlite;
using WatchState.Backends;
using WatchState.Domain;
using WatchState.Export;

namespace WatchState.Storage;

/// <summary>
/// Records how a batch of writes went, in one transaction: the outbox rows, and for each write that was made the
/// backend's new view (so the next plan sees no difference) and a history row; a refusal goes to the history too.
/// </summary>
public static class OutboxOutcomes
{
    /// <param name="refreshed">The written items as the backend reports them after the writes (may be empty).</param>
    /// <param name="before">The stored views before the writes, for the history's "from".</param>
    public static async Task SaveAsync(
        SqliteConnection connection,
        string identity,
        string backend,
        IReadOnlyList<OutboxOutcome> outcomes,
        IReadOnlyList<Observation> refreshed,
        IReadOnlyDictionary<string, BackendView> before,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(refreshed);
        ArgumentNullException.ThrowIfNull(before);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var status = Command(connection, transaction, """
            UPDATE outbox SET status = $status, attempts = attempts + $attempted, next_attempt_at = $next, last_error = $error, updated_at = $now
            WHERE id = $id
            """);
        await using var view = Command(connection, transaction, """
            UPDATE backend_views SET played = $played, played_at = $played_at, added_at = coalesce($added_at, added_at),
                progress_ms = $progress_ms, play_count = $play_count, updated_at = $now
            WHERE identity = $identity AND backend = $backend AND remote_id = $remote_id AND part = $part
            """);
        await using var history = Command(connection, transaction, """
            INSERT INTO history (item_id, identity, backend, at, kind, field, applied, from_value, to_value, reason)
            VALUES ($item_id, $identity, $backend, $now, 'export', $field, $applied, $from, $to, $reason)
            """);
        foreach (var c in new[] { status, view, history })
        {
            c.Parameters.AddWithValue("$now", Time.ToDb(now));
            if (c.CommandText.Contains("$identity", StringComparison.Ordinal))
            {
                c.Parameters.AddWithValue("$identity", identity);
                c.Parameters.AddWithValue("$backend", backend);
            }
        }

        var byRemote = refreshed.ToLookup(o => o.RemoteId, StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            await Set(status, cancellationToken,
                ("$id", outcome.Entry.Id),
                ("$status", OutboxStatusNames.Of(outcome.Status)),
                ("$attempted", outcome.Attempted ? 1 : 0),
                ("$next", Time.ToDb(outcome.NextAttemptAt)),
                ("$error", (object?)outcome.Error ?? DBNull.Value));
            var write = outcome.Entry.Write;
            var previous = before.GetValueOrDefault(write.RemoteId);
            if (outcome.Status == OutboxStatus.Done)
            {
                var seen = byRemote[write.RemoteId].ToList();
                foreach (var v in seen.Count > 0 ? seen.Select(o => (o.Part, BackendView.From(o))) : [(0, Expected(previous, write, now))])
                {
                    await Set(view, cancellationToken,
                        ("$remote_id", write.RemoteId), ("$part", v.Item1), ("$played", v.Item2.Played ? 1 : 0),
                        ("$played_at", Time.ToDb(v.Item2.PlayedAt)), ("$added_at", Time.ToDb(v.Item2.AddedAt)),
                        ("$progress_ms", v.Item2.ProgressMs), ("$play_count", v.Item2.PlayCount));
                }
            }

            if (outcome.Status is OutboxStatus.Done or OutboxStatus.Failed)
            {
                var done = outcome.Status == OutboxStatus.Done;
                await Set(history, cancellationToken,
                    ("$item_id", outcome.Entry.ItemId),
                    ("$field", write.Kind is RemoteWriteKind.MarkPlayed or RemoteWriteKind.MarkUnplayed ? "watched" : "progress"),
                    ("$applied", done ? 1 : 0),
                    ("$from", (object?)From(previous, write.Kind) ?? DBNull.Value),
                    ("$to", WriteText.Describe(write)),
                    ("$reason", done ? $"exported: {outcome.Entry.Reason}" : $"export failed: {outcome.Error}"));
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The view a write leaves behind when the backend could not be read back.</summary>
    private static BackendView Expected(BackendView? previous, RemoteWrite write, DateTimeOffset now)
    {
        var start = previous ?? new BackendView(false, null, null, 0, 0);
        return write.Kind switch
        {
            RemoteWriteKind.MarkPlayed => start with { Played = true, PlayedAt = write.PlayedAt ?? now, ProgressMs = 0, PlayCount = Math.Max(1, start.PlayCount) },
            RemoteWriteKind.MarkUnplayed => start with { Played = false, ProgressMs = 0 },
            RemoteWriteKind.SetProgress => start with { ProgressMs = write.PositionMs },
            _ => start with { ProgressMs = 0 },
        };
    }

    private static string? From(BackendView? previous, RemoteWriteKind kind) => previous is null
        ? null
        : kind is RemoteWriteKind.MarkPlayed or RemoteWriteKind.MarkUnplayed ? ChangeText.Flag(previous.Played) : ChangeText.Position(previous.ProgressMs);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task Set(SqliteCommand command, CancellationToken cancellationToken, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
