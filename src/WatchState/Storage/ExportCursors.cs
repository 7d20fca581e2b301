using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WatchState.Storage;

/// <summary>The export cursors: per backend, when its last export in which every write succeeded started.</summary>
public static class ExportCursors
{
    public const string Direction = "export";

    public static async Task<Dictionary<string, DateTimeOffset>> ReadAsync(
        SqliteConnection connection, string identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT backend, value FROM cursors WHERE identity = $identity AND direction = $direction";
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$direction", Direction);
        var cursors = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (DateTimeOffset.TryParse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            {
                cursors[reader.GetString(0)] = at;
            }
        }

        return cursors;
    }

    public static async Task SetAsync(
        SqliteConnection connection, string identity, string backend, DateTimeOffset value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO cursors (identity, backend, direction, value, updated_at) VALUES ($identity, $backend, $direction, $value, $now)
            ON CONFLICT (identity, backend, direction) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$backend", backend);
        command.Parameters.AddWithValue("$direction", Direction);
        command.Parameters.AddWithValue("$value", value.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$now", Time.ToDb(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets where the last import and export of <paramref name="backend"/> stopped, for every identity, so the next
    /// ones read and compare everything again: after an ignore rule is removed, the item it hid is older than both.
    /// </summary>
    public static async Task ForgetBackendAsync(SqliteConnection connection, string backend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM cursors WHERE backend = $backend AND direction IN ('import', $direction)";
        command.Parameters.AddWithValue("$backend", backend);
        command.Parameters.AddWithValue("$direction", Direction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
