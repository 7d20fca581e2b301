using Microsoft.Data.Sqlite;

namespace WatchState.Storage;

/// <summary>
/// What an identity holds in the database, and dropping all of it (<c>identities:remove</c>). Every table with an
/// <c>identity</c> column is covered, found from the schema, so a table a later migration adds is not forgotten.
/// </summary>
public sealed class IdentityPurge(Database database)
{
    private const string IdentityTables = """
        SELECT m.name FROM sqlite_master m
        WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'identity')
        ORDER BY m.name
        """;

    /// <summary>Items per identity, in one grouped query; identities without items are absent.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ItemCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT identity, count(*) FROM items GROUP BY identity";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>
    /// Deletes the identity's rows from every table that has an identity column, in one transaction; with
    /// <paramref name="dryRun"/> only counts them. Tables that refer to items go before <c>items</c>.
    /// </summary>
    /// <returns>Rows per table, including tables with none.</returns>
    public async Task<IReadOnlyList<PurgedRows>> PurgeAsync(string identity, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var purged = await PurgeAsync(connection, transaction, identity, dryRun, cancellationToken);
        if (!dryRun)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return purged;
    }

    /// <summary>The same, inside the caller's transaction, which the caller commits (<c>migrate:watchstate --force</c>).</summary>
    internal static async Task<IReadOnlyList<PurgedRows>> PurgeAsync(
        SqliteConnection connection, SqliteTransaction transaction, string identity, bool dryRun, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = IdentityTables;
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var purged = new List<PurgedRows>();
        foreach (var table in tables.OrderBy(t => t == "items" ? 1 : 0))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            command.CommandText = dryRun
                ? $"SELECT count(*) FROM {quoted} WHERE identity = $identity"
                : $"DELETE FROM {quoted} WHERE identity = $identity";
            command.Parameters.AddWithValue("$identity", identity);
            var rows = dryRun ? (long)(await command.ExecuteScalarAsync(cancellationToken))! : await command.ExecuteNonQueryAsync(cancellationToken);
            purged.Add(new PurgedRows(table, rows));
        }

        return [.. purged.OrderBy(p => p.Table, StringComparer.Ordinal)];
    }
}

/// <summary>How many rows of one table belong (or belonged) to the identity.</summary>
public sealed record PurgedRows(string Table, long Rows);
