using Microsoft.Data.Sqlite;

namespace WatchState.Tests.Crash;

/// <summary>Read-only looks into a data directory's database, safe while a product process is writing to it.</summary>
internal static class CrashDatabase
{
    public static string FileOf(string dataRoot) => Path.Combine(dataRoot, "db", "watchstate.db");

    public static async Task<long> CountAsync(string dataRoot, string sql)
    {
        if (!File.Exists(FileOf(dataRoot)))
        {
            return 0;
        }

        try
        {
            await using var connection = await OpenAsync(dataRoot, readOnly: true);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // The product is still creating the schema: nothing committed yet.
            return 0;
        }
    }

    public static async Task<string> IntegrityCheckAsync(string dataRoot)
    {
        await using var connection = await OpenAsync(dataRoot, readOnly: false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// The local state as sorted lines, one per item: its keys, its fields, each backend's view of it and its
    /// history. Left out on purpose are the clock readings of the run itself (items.created_at/updated_at/state_at/
    /// progress_at, backend_views.updated_at, history.at) and row ids: two runs never share those, the state does.
    /// </summary>
    /// <param name="dataRoot">The data directory.</param>
    /// <param name="selfDating">
    /// A backend that dates a play itself (Plex stamps its "now" on a scrobble): its views' play dates are that run's
    /// clock too, so only whether one is there is compared.
    /// </param>
    public static async Task<List<string>> DumpAsync(string dataRoot, string? selfDating = null)
    {
        await using var connection = await OpenAsync(dataRoot, readOnly: true);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.identity || '|' || i.type || '|' || i.title || '|' || coalesce(i.year, '') || '|' || coalesce(i.series_title, '')
                   || '|' || coalesce(i.season, '') || '|' || coalesce(i.episode, '') || '|' || i.watched || '|' || i.progress_ms
                   || '|keys:' || coalesce((SELECT group_concat(key, ',') FROM (SELECT key FROM item_keys k WHERE k.item_id = i.id ORDER BY key)), '')
                   || '|views:' || coalesce((SELECT group_concat(v, ',') FROM (
                        SELECT backend || ':' || remote_id || ':' || part || ':' || played || ':'
                               || CASE WHEN backend = $selfDating THEN iif(played_at IS NULL, '', 'dated') ELSE coalesce(played_at, '') END || ':'
                               || coalesce(added_at, '') || ':' || progress_ms || ':' || play_count AS v
                        FROM backend_views b WHERE b.item_id = i.id ORDER BY v)), '')
                   || '|history:' || coalesce((SELECT group_concat(h, ',') FROM (
                        SELECT coalesce(backend, '') || ':' || kind || ':' || field || ':' || applied || ':' || coalesce(from_value, '')
                               || ':' || coalesce(to_value, '') || ':' || reason AS h
                        FROM history x WHERE x.item_id = i.id ORDER BY h)), '')
            FROM items i
            """;
        command.Parameters.AddWithValue("$selfDating", (object?)selfDating ?? DBNull.Value);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<SqliteConnection> OpenAsync(string dataRoot, bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FileOf(dataRoot),
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
