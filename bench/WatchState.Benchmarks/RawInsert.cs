using Microsoft.Data.Sqlite;

namespace WatchState.Benchmarks;

/// <summary>What any floor measures: items, rows written, total time and the part spent fetching and parsing.</summary>
internal sealed record FloorResult(int Items, long Rows, double Seconds, double FetchSeconds);

/// <summary>One item as the floor stores it, whatever server it came from.</summary>
internal sealed record FloorRow(
    bool Episode,
    string Title,
    int? Year,
    string? Series,
    int? Season,
    int? EpisodeNumber,
    string RemoteId,
    long AddedMs,
    long? PlayedAtMs,
    bool Watched,
    long ProgressMs,
    int PlayCount,
    IReadOnlyList<string> Keys);

/// <summary>
/// The raw insert of the rows an import writes (item, keys, backend view, history): prepared statements with
/// parameters set by position, in transactions of about 50,000 rows.
/// </summary>
internal sealed class RawInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _item;
    private readonly SqliteCommand _key;
    private readonly SqliteCommand _view;
    private readonly SqliteCommand _history;
    private readonly string _backend;
    private SqliteTransaction _transaction;
    private long _sinceCommit;

    public RawInsert(SqliteConnection connection, string backend)
    {
        _connection = connection;
        _backend = backend;
        _item = Command("INSERT INTO items (identity, type, title, year, series_title, season, episode, watched, state_at, progress_ms, progress_at, created_at, updated_at) VALUES ('main', $p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, NULL, $p7, $p7) RETURNING id", 9);
        _key = Command("INSERT OR IGNORE INTO item_keys (identity, key, item_id) VALUES ('main', $p0, $p1)", 2);
        _view = Command("INSERT INTO backend_views (identity, backend, remote_id, part, item_id, played, played_at, added_at, progress_ms, play_count, updated_at) VALUES ('main', $p0, $p1, 0, $p2, $p3, $p4, $p5, $p6, $p7, $p5)", 8);
        _history = Command("INSERT INTO history (item_id, identity, backend, at, kind, field, applied, from_value, to_value, reason) VALUES ($p0, 'main', $p1, $p2, 'import', 'item', 1, NULL, $p3, 'first seen')", 4);
        _transaction = connection.BeginTransaction();
        Enlist();
    }

    public long Rows { get; private set; }

    public void Insert(FloorRow row)
    {
        Set(_item, row.Episode ? 1 : 0, row.Title, row.Year, row.Series, row.Season, row.EpisodeNumber, row.Watched ? 1 : 0,
            row.Watched ? row.PlayedAtMs ?? row.AddedMs : row.AddedMs, row.ProgressMs);
        var id = (long)_item.ExecuteScalar()!;
        foreach (var key in row.Keys)
        {
            Set(_key, key, id);
            _key.ExecuteNonQuery();
        }

        Set(_view, _backend, row.RemoteId, id, row.Watched ? 1 : 0, row.PlayedAtMs, row.AddedMs, row.ProgressMs, row.PlayCount);
        _view.ExecuteNonQuery();
        Set(_history, id, _backend, row.AddedMs, row.Watched ? "watched" : "unwatched");
        _history.ExecuteNonQuery();
        Rows += 3 + row.Keys.Count;
        _sinceCommit += 3 + row.Keys.Count;
    }

    public void CommitIfDue()
    {
        if (_sinceCommit >= 50_000)
        {
            Commit();
            _transaction = _connection.BeginTransaction();
            Enlist();
            _sinceCommit = 0;
        }
    }

    public void Commit()
    {
        _transaction.Commit();
        _transaction.Dispose();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _item, _key, _view, _history })
        {
            command.Dispose();
        }
    }

    private void Enlist()
    {
        foreach (var command in new[] { _item, _key, _view, _history })
        {
            command.Transaction = _transaction;
        }
    }

    private SqliteCommand Command(string sql, int parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value));
        }

        return command;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
