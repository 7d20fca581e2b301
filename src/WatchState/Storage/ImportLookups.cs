using Microsoft.Data.Sqlite;

namespace WatchState.Storage;

/// <summary>
/// The bulk reads of an import. Each takes its values as one JSON array parameter joined through
/// <c>json_each</c>, so the statement is compiled once and reused for every page; a long <c>IN (…)</c> list
/// would be re-parsed on every page and cost more than the rows it reads. The values sit in an
/// <c>IN (SELECT …)</c> so SQLite probes the primary key once per value; as a plain join the planner may
/// scan the table and the JSON against each other.
/// </summary>
internal sealed class ImportLookups : IDisposable
{
    public ImportLookups(SqliteConnection connection, string identity, string backend)
    {
        Views = Prepare(connection, identity, backend, """
            SELECT v.remote_id, v.part, v.item_id, v.played, v.played_at, v.added_at, v.progress_ms, v.play_count, v.show_remote_id
            FROM backend_views v
            WHERE v.identity = $identity AND v.backend = $backend AND v.remote_id IN (SELECT j.value FROM json_each($values) j)
            """);
        AnyView = Prepare(connection, identity, backend, "SELECT EXISTS (SELECT 1 FROM backend_views WHERE identity = $identity AND backend = $backend)");
        Keys = Prepare(connection, identity, backend, """
            SELECT k.key, k.item_id
            FROM item_keys k
            WHERE k.identity = $identity AND k.key IN (SELECT j.value FROM json_each($values) j)
            """);
        Items = Prepare(connection, identity, backend, """
            SELECT i.id, i.watched, i.state_at, i.progress_ms, i.progress_at
            FROM items i
            WHERE i.identity = $identity AND i.id IN (SELECT j.value FROM json_each($values) j)
            """);
    }

    public SqliteCommand Views { get; }

    private SqliteCommand AnyView { get; }

    public SqliteCommand Keys { get; }

    public SqliteCommand Items { get; }

    public bool HasViews() => (long)AnyView.ExecuteScalar()! != 0;

    public void Enlist(SqliteTransaction transaction)
    {
        AnyView.Transaction = transaction;
        Views.Transaction = transaction;
        Keys.Transaction = transaction;
        Items.Transaction = transaction;
    }

    public void Dispose()
    {
        Views.Dispose();
        AnyView.Dispose();
        Keys.Dispose();
        Items.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string identity, string backend, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$identity", identity);
        if (sql.Contains("$backend", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$backend", backend);
        }

        command.Parameters.Add(new SqliteParameter("$values", "[]"));
        return command;
    }
}
