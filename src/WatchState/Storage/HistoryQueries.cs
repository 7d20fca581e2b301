using System.Globalization;
using Microsoft.Data.Sqlite;
using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>Read-only queries behind <c>history:list</c> and <c>history:show</c>.</summary>
public sealed class HistoryQueries(Database database)
{
    private const string ItemColumns =
        "id, type, title, year, series_title, season, episode, watched, state_at, progress_ms, progress_at, updated_at";

    public async Task<IReadOnlyList<(ItemRow Item, IReadOnlyList<ViewRow> Views)>> ListAsync(ItemFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = Where(command, filter);
        var order = filter.Sort switch
        {
            ItemSort.UpdatedAscending => "updated_at, id",
            ItemSort.TitleAscending => "COALESCE(series_title, title) COLLATE NOCASE, season, episode, id",
            ItemSort.TitleDescending => "COALESCE(series_title, title) COLLATE NOCASE DESC, season DESC, episode DESC, id DESC",
            ItemSort.IdAscending => "id",
            ItemSort.IdDescending => "id DESC",
            _ => "updated_at DESC, id DESC",
        };
        command.CommandText = $"SELECT {ItemColumns} FROM items WHERE {where} ORDER BY {order} LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", filter.Limit > 0 ? filter.Limit : -1);
        command.Parameters.AddWithValue("$offset", filter.Offset);

        var items = new List<ItemRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadItem(reader));
            }
        }

        var views = await ViewsAsync(connection, items.Select(i => i.Id).ToArray(), cancellationToken);
        return items.Select(i => (i, (IReadOnlyList<ViewRow>)(views.GetValueOrDefault(i.Id) ?? []))).ToArray();
    }

    /// <summary>How many items match the filter, whatever its limit and offset.</summary>
    public async Task<long> CountAsync(ItemFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM items WHERE {Where(command, filter)}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string Where(SqliteCommand command, ItemFilter filter)
    {
        var where = new List<string> { "identity = $identity" };
        command.Parameters.AddWithValue("$identity", filter.Identity);
        if (filter.Watched is { } watched)
        {
            where.Add("watched = $watched");
            command.Parameters.AddWithValue("$watched", watched ? 1 : 0);
        }

        if (filter.Type is { } type)
        {
            where.Add("type = $type");
            command.Parameters.AddWithValue("$type", (int)type);
        }

        if (!string.IsNullOrWhiteSpace(filter.Title))
        {
            where.Add("(title LIKE $title ESCAPE '\\' OR series_title LIKE $title ESCAPE '\\')");
            command.Parameters.AddWithValue("$title", "%" + EscapeLike(filter.Title.Trim()) + "%");
        }

        if (!string.IsNullOrWhiteSpace(filter.Backend))
        {
            where.Add("EXISTS (SELECT 1 FROM backend_views v WHERE v.item_id = items.id AND v.backend = $backend)");
            command.Parameters.AddWithValue("$backend", filter.Backend);
        }

        return string.Join(" AND ", where);
    }

    public async Task<ItemDetails?> ShowAsync(long id, string identity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        ItemRow? item = null;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {ItemColumns} FROM items WHERE id = $id AND identity = $identity";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$identity", identity);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                item = ReadItem(reader);
            }
        }

        if (item is null)
        {
            return null;
        }

        var keys = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key FROM item_keys WHERE item_id = $id ORDER BY key";
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetString(0));
            }
        }

        var history = new List<HistoryRow>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, backend, at, kind, field, applied, from_value, to_value, reason FROM history WHERE item_id = $id ORDER BY id";
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                history.Add(new HistoryRow(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    Time.FromDb(reader.GetInt64(2)),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetInt64(5) != 0,
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetString(8)));
            }
        }

        var views = await ViewsAsync(connection, [id], cancellationToken);
        return new ItemDetails(item, keys, views.GetValueOrDefault(id) ?? [], history);
    }

    private static async Task<Dictionary<long, List<ViewRow>>> ViewsAsync(SqliteConnection connection, long[] itemIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, List<ViewRow>>();
        foreach (var chunk in itemIds.Chunk(5000))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.AddWithValue(names[i], chunk[i]);
            }

            command.CommandText =
                "SELECT item_id, backend, remote_id, part, played, played_at, added_at, progress_ms, play_count, updated_at " +
                $"FROM backend_views WHERE item_id IN ({string.Join(',', names)}) ORDER BY backend, remote_id, part";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var itemId = reader.GetInt64(0);
                if (!result.TryGetValue(itemId, out var list))
                {
                    result[itemId] = list = [];
                }

                list.Add(new ViewRow(
                    reader.GetString(1),
                    reader.GetString(2),
                    (int)reader.GetInt64(3),
                    reader.GetInt64(4) != 0,
                    Time.FromDbNullable(reader.GetValue(5)),
                    Time.FromDbNullable(reader.GetValue(6)),
                    reader.GetInt64(7),
                    (int)reader.GetInt64(8),
                    Time.FromDb(reader.GetInt64(9))));
            }
        }

        return result;
    }

    private static ItemRow ReadItem(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        (MediaType)reader.GetInt64(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : (int)reader.GetInt64(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : (int)reader.GetInt64(5),
        reader.IsDBNull(6) ? null : (int)reader.GetInt64(6),
        reader.GetInt64(7) != 0,
        Time.FromDb(reader.GetInt64(8)),
        reader.GetInt64(9),
        Time.FromDbNullable(reader.GetValue(10)),
        Time.FromDb(reader.GetInt64(11)));

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
