using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using WatchState.Domain;
using WatchState.Export;

namespace WatchState.Storage;

/// <summary>
/// Streams every item with its backend views for export planning: one query, ordered by item, so a
/// library-sized read holds one item at a time.
/// </summary>
public static class ExportReader
{
    /// <summary>
    /// The rows planning reads; also run by the benchmark's floor. The source is the backend of the item's latest
    /// applied decision (our own export rows do not count: they follow a decision, they do not make one).
    /// </summary>
    public const string Sql = """
        SELECT i.id, i.type, i.title, i.series_title, i.season, i.episode, i.watched, i.state_at, i.progress_ms, i.progress_at,
               i.updated_at,
               (SELECT h.backend FROM history h
                WHERE h.item_id = i.id AND h.applied = 1 AND h.kind <> 'export' ORDER BY h.id DESC LIMIT 1),
               v.backend, v.remote_id, v.part, v.played, v.played_at, v.added_at, v.progress_ms, v.play_count, v.updated_at,
               v.show_remote_id
        FROM items i JOIN backend_views v ON v.item_id = i.id
        WHERE i.identity = $identity
        ORDER BY i.id
        """;

    /// <summary>The same for one item (a separate statement, so neither form scans for the other's sake).</summary>
    public static readonly string ItemSql = Sql.Replace("WHERE i.identity = $identity", "WHERE i.identity = $identity AND i.id = $item", StringComparison.Ordinal);

    /// <summary>
    /// Only items that changed, or whose view on some backend changed, after <c>$since</c>: the changed ids are
    /// collected first through the <c>updated_at</c> indexes and the rows are then fetched by id (CROSS JOIN keeps
    /// that order), so a push after a few webhooks reads and sorts a few items, never scans the library. The
    /// indexes are named because, to feed a sorted UNION, SQLite otherwise prefers walking every view by item id.
    /// </summary>
    public static readonly string ChangedSql = """
        WITH changed(id) AS MATERIALIZED (
            SELECT id FROM items INDEXED BY items_updated WHERE identity = $identity AND updated_at > $since
            UNION SELECT item_id FROM backend_views INDEXED BY backend_views_updated WHERE updated_at > $since)

        """ + Sql.Replace("FROM items i JOIN", "FROM changed c CROSS JOIN items i ON i.id = c.id JOIN", StringComparison.Ordinal);

    /// <param name="itemId">Only this item; null for all.</param>
    /// <param name="changedSince">Only items changed after this time (the oldest export cursor); null for all.</param>
    public static async IAsyncEnumerable<PlanItem> ReadAsync(
        SqliteConnection connection,
        string identity,
        long? itemId,
        DateTimeOffset? changedSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = itemId is not null ? ItemSql : changedSince is not null ? ChangedSql : Sql;
        command.Parameters.AddWithValue("$identity", identity);
        if (itemId is { } only)
        {
            command.Parameters.AddWithValue("$item", only);
        }
        else if (changedSince is { } since)
        {
            command.Parameters.AddWithValue("$since", Time.ToDb(since));
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        PlanItem? current = null;
        List<PlanView> views = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (current is null || current.ItemId != id)
            {
                if (current is not null)
                {
                    yield return current;
                }

                views = [];
                current = ReadItem(reader, views);
            }

            views.Add(ReadView(reader));
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    private static PlanItem ReadItem(SqliteDataReader reader, List<PlanView> views)
    {
        var type = (MediaType)reader.GetInt64(1);
        var title = reader.GetString(2);
        if (type == MediaType.Episode && !reader.IsDBNull(3))
        {
            title = FormattableString.Invariant(
                $"{reader.GetString(3)} S{(reader.IsDBNull(4) ? 0 : reader.GetInt64(4)):00}E{(reader.IsDBNull(5) ? 0 : reader.GetInt64(5)):00}");
        }

        var state = new ItemState(
            reader.GetInt64(6) != 0,
            Time.FromDb(reader.GetInt64(7)),
            reader.GetInt64(8),
            Time.FromDbNullable(reader.GetValue(9)));
        return new PlanItem(
            reader.GetInt64(0), title, state, reader.IsDBNull(11) ? null : reader.GetString(11), Time.FromDb(reader.GetInt64(10)), views);
    }

    private static PlanView ReadView(SqliteDataReader reader) => new(
        reader.GetString(12),
        reader.GetString(13),
        (int)reader.GetInt64(14),
        new BackendView(
            reader.GetInt64(15) != 0,
            Time.FromDbNullable(reader.GetValue(16)),
            Time.FromDbNullable(reader.GetValue(17)),
            reader.GetInt64(18),
            (int)reader.GetInt64(19)),
        Time.FromDb(reader.GetInt64(20)),
        reader.IsDBNull(21) ? null : reader.GetString(21));
}
