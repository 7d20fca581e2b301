using Microsoft.Data.Sqlite;
using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>
/// The database side of importing one backend: bulk reads per page, prepared writes inside a long transaction
/// that is committed in large batches (SQLite's cost is per statement and per commit, not per byte).
/// </summary>
public sealed class ImportStore : IDisposable
{
    private const int LookupChunk = 5000;

    private readonly SqliteConnection _connection;
    private readonly string _identity;
    private readonly string _backend;
    private readonly bool _dryRun;
    private readonly int _commitEvery;
    private readonly ImportCommands _commands;
    private SqliteTransaction _transaction;
    private int _writesSinceCommit;
    private bool _completed;

    public ImportStore(SqliteConnection connection, string identity, string backend, bool dryRun, int commitEvery = 50_000)
    {
        _connection = connection;
        _identity = identity;
        _backend = backend;
        _dryRun = dryRun;
        _commitEvery = commitEvery;
        _transaction = connection.BeginTransaction(deferred: false);
        _commands = new ImportCommands(connection, identity, backend);
        _commands.Enlist(_transaction);
    }

    /// <summary>Statements written so far (for reporting and for the "second run writes nothing" check).</summary>
    public long Writes { get; private set; }

    /// <summary>Reads this backend's stored views of the given observations' items, in one query per chunk.</summary>
    public Dictionary<ViewId, StoredView> LookupViews(IReadOnlyList<Observation> observations)
    {
        var views = new Dictionary<ViewId, StoredView>();
        foreach (var chunk in observations.Select(o => o.RemoteId).Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
        {
            using var command = InClause(
                "SELECT remote_id, part, item_id, played, played_at, added_at, progress_ms, play_count FROM backend_views " +
                "WHERE identity = $identity AND backend = $backend AND remote_id IN ({0})", chunk);
            command.Parameters.AddWithValue("$backend", _backend);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var view = new BackendView(
                    reader.GetInt64(3) != 0,
                    Time.FromDbNullable(reader.GetValue(4)),
                    Time.FromDbNullable(reader.GetValue(5)),
                    reader.GetInt64(6),
                    (int)reader.GetInt64(7));
                views[new ViewId(reader.GetString(0), (int)reader.GetInt64(1))] = new StoredView(reader.GetInt64(2), view);
            }
        }

        return views;
    }

    /// <summary>Reads which items hold the given keys, and the state of those items and of <paramref name="itemIds"/>.</summary>
    public PageSnapshot LookupItems(IEnumerable<string> keys, IEnumerable<long> itemIds)
    {
        var snapshot = new PageSnapshot();
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
        {
            using var command = InClause("SELECT key, item_id FROM item_keys WHERE identity = $identity AND key IN ({0})", chunk);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                snapshot.Keys[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        foreach (var chunk in snapshot.Keys.Values.Concat(itemIds).Distinct().Chunk(LookupChunk))
        {
            using var command = InClause("SELECT id, watched, state_at, progress_ms, progress_at FROM items WHERE identity = $identity AND id IN ({0})", chunk);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                snapshot.Items[reader.GetInt64(0)] = new ItemState(
                    reader.GetInt64(1) != 0,
                    Time.FromDb(reader.GetInt64(2)),
                    reader.GetInt64(3),
                    Time.FromDbNullable(reader.GetValue(4)));
            }
        }

        return snapshot;
    }

    public long InsertItem(Observation observation, ItemState state, DateTimeOffset now)
    {
        Count();
        return _commands.InsertItem(observation, state, now);
    }

    public void UpdateItemState(long itemId, ItemState state, DateTimeOffset now)
    {
        Count();
        _commands.UpdateItemState(itemId, state, now);
    }

    /// <summary>Adds a matching key; false when another item already holds it.</summary>
    public bool InsertKey(string key, long itemId)
    {
        Count();
        return _commands.InsertKey(key, itemId);
    }

    public void UpsertView(Observation observation, long itemId, DateTimeOffset now)
    {
        Count();
        _commands.UpsertView(observation, itemId, now);
    }

    public void InsertHistory(long itemId, Observation observation, Change change, DateTimeOffset now)
    {
        Count();
        _commands.InsertHistory(itemId, observation, change, now);
    }

    public void InsertConflict(string key, long itemId, long otherItemId, Observation observation, DateTimeOffset now)
    {
        Count();
        _commands.InsertConflict(key, itemId, otherItemId, observation, now);
    }

    /// <summary>Commits when enough has been written; called between pages so a page is never split.</summary>
    public void CommitIfDue()
    {
        if (_writesSinceCommit < _commitEvery || _dryRun)
        {
            return;
        }

        _transaction.Commit();
        _transaction.Dispose();
        _transaction = _connection.BeginTransaction(deferred: false);
        _commands.Enlist(_transaction);
        _writesSinceCommit = 0;
    }

    /// <summary>Makes the run's writes durable, or throws them away on a dry run.</summary>
    public void Complete()
    {
        if (_dryRun)
        {
            _transaction.Rollback();
        }
        else
        {
            _transaction.Commit();
        }

        _transaction.Dispose();
        _completed = true;
    }

    public string? GetCursor(string direction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT value FROM cursors WHERE identity = $identity AND backend = $backend AND direction = $direction";
        command.Parameters.AddWithValue("$identity", _identity);
        command.Parameters.AddWithValue("$backend", _backend);
        command.Parameters.AddWithValue("$direction", direction);
        return command.ExecuteScalar() as string;
    }

    public void SetCursor(string direction, string value, DateTimeOffset now)
    {
        Count();
        _commands.SetCursor(direction, value, now);
    }

    public void Dispose()
    {
        // Anything not completed is rolled back: a failed page leaves nothing half-written.
        if (!_completed)
        {
            _transaction.Dispose();
        }

        _commands.Dispose();
    }

    private void Count()
    {
        Writes++;
        _writesSinceCommit++;
    }

    private SqliteCommand InClause<T>(string sqlFormat, T[] values)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlFormat, string.Join(',', names));
        command.Parameters.AddWithValue("$identity", _identity);
        return command;
    }
}
