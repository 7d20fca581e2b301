using Microsoft.Data.Sqlite;
using WatchState.Domain;
using WatchState.Storage;

namespace WatchState.Backup;

/// <summary>One backend's view of one item, as the backup writes it.</summary>
internal sealed record BackupRow(
    MediaType Type,
    string Title,
    int? Year,
    string? SeriesTitle,
    int? Season,
    int? Episode,
    string RemoteId,
    bool Played,
    DateTimeOffset? PlayedAt,
    DateTimeOffset? AddedAt,
    long ProgressMs,
    int PlayCount,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> Keys);

/// <summary>
/// Streams every item one backend has, with its match keys, in one statement: the primary key of
/// <c>backend_views</c> starts with identity and backend, and the keys come from the <c>item_keys_item</c> index.
/// </summary>
internal static class BackupQuery
{
    private const char KeySeparator = '\n';

    public const string Sql = """
        SELECT i.type, i.title, i.year, i.series_title, i.season, i.episode,
               v.remote_id, v.played, v.played_at, v.added_at, v.progress_ms, v.play_count, v.updated_at,
               (SELECT group_concat(k.key, char(10)) FROM item_keys k WHERE k.item_id = i.id)
        FROM backend_views v JOIN items i ON i.id = v.item_id
        WHERE v.identity = $identity AND v.backend = $backend
        """;

    public static async IAsyncEnumerable<BackupRow> ReadAsync(
        SqliteConnection connection,
        string identity,
        string backend,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$backend", backend);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new BackupRow(
                (MediaType)reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : (int)reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : (int)reader.GetInt64(4),
                reader.IsDBNull(5) ? null : (int)reader.GetInt64(5),
                reader.GetString(6),
                reader.GetInt64(7) != 0,
                Time.FromDbNullable(reader.GetValue(8)),
                Time.FromDbNullable(reader.GetValue(9)),
                reader.GetInt64(10),
                (int)reader.GetInt64(11),
                Time.FromDb(reader.GetInt64(12)),
                reader.IsDBNull(13) ? [] : reader.GetString(13).Split(KeySeparator));
        }
    }
}
