using Microsoft.Data.Sqlite;
using WatchState.Domain;

namespace WatchState.Storage;

/// <summary>
/// The database side of importing one backend: bulk reads per page, prepared writes inside a long transaction
/// that is committed in large batches (SQLite's cost is per statement and per commit, not per byte). The
/// transaction holds SQLite's only write lock, so with a clock it is also committed at the first page boundary
/// after <see cref="HoldLimit"/>, and the next one begins only with the next page's work: while the next page is
/// fetched, webhooks and the worker can write (otherwise they wait out the whole import, or time out).
/// </summary>
public sealed class ImportStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _identity;
    private readonly string _backend;
    private readonly bool _dryRun;
    private readonly int _commitEvery;
    private readonly ImportCommands _commands;
    private readonly ImportLookups _lookups;
    private readonly TimeProvider? _clock;
    private readonly WriteGate? _gate;
    private WriteGate.Turn? _turn;
    private SqliteTransaction? _transaction;
    private DateTimeOffset _heldSince;
    private bool _enlisted;
    private int _writesSinceCommit;
    private readonly bool _hadViews;
    private bool _completed;
    private readonly bool _ownsTransaction;

    /// <summary>How long one transaction may keep other writers out before a page boundary commits it.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromMilliseconds(250);

    /// <param name="clock">Measures how long the write lock is held; without it only <paramref name="commitEvery"/> commits.</param>
    /// <param name="gate">Taken before each transaction, so the import waits its turn among this process's writers.</param>
    public ImportStore(
        SqliteConnection connection, string identity, string backend, bool dryRun, int commitEvery = 50_000, TimeProvider? clock = null, WriteGate? gate = null)
        : this(connection, null, identity, backend, dryRun, commitEvery, clock, gate)
    {
    }

    /// <summary>
    /// Writes inside the caller's transaction, which the caller commits: so a webhook's changes and its inbox row
    /// become durable together. <see cref="Complete"/> only flushes.
    /// </summary>
    public ImportStore(SqliteConnection connection, SqliteTransaction transaction, string identity, string backend)
        : this(connection, transaction ?? throw new ArgumentNullException(nameof(transaction)), identity, backend, dryRun: false, int.MaxValue, clock: null, gate: null)
    {
    }

    private ImportStore(
        SqliteConnection connection, SqliteTransaction? transaction, string identity, string backend, bool dryRun, int commitEvery, TimeProvider? clock, WriteGate? gate)
    {
        _connection = connection;
        _identity = identity;
        _backend = backend;
        _dryRun = dryRun;
        _commitEvery = commitEvery;
        _ownsTransaction = transaction is null;
        _clock = clock;

        // A dry run keeps its one transaction to the end; holding the gate that long would queue every webhook behind it.
        _gate = transaction is null && !dryRun ? gate : null;
        _commands = new ImportCommands(connection, identity, backend);
        _lookups = new ImportLookups(connection, identity, backend);
        _transaction = transaction;

        // Gated, the first transaction waits for ReadyAsync; this one read needs none.
        if (_gate is null)
        {
            Begin();
        }

        _hadViews = _lookups.HasViews();
    }

    /// <summary>Statements written so far (for reporting and for the "second run writes nothing" check).</summary>
    public long Writes { get; private set; }

    /// <summary>Reads this backend's stored views of the given observations' items, in one query.</summary>
    public Dictionary<ViewId, StoredView> LookupViews(IReadOnlyList<Observation> observations)
    {
        Begin();
        var views = new Dictionary<ViewId, StoredView>();

        // A backend imported for the first time has no views to find; only this run can add them.
        if (!_hadViews)
        {
            return views;
        }

        _lookups.Views.Parameters["$values"].Value = JsonList.Of(observations.Select(o => o.RemoteId));
        using var reader = _lookups.Views.ExecuteReader();
        while (reader.Read())
        {
            var view = new BackendView(
                reader.GetInt64(3) != 0,
                Time.FromDbNullable(reader.GetValue(4)),
                Time.FromDbNullable(reader.GetValue(5)),
                reader.GetInt64(6),
                (int)reader.GetInt64(7));
            views[new ViewId(reader.GetString(0), (int)reader.GetInt64(1))] = new StoredView(reader.GetInt64(2), view)
            {
                ShowRemoteId = reader.IsDBNull(8) ? null : reader.GetString(8),
            };
        }

        return views;
    }

    /// <summary>Reads which items hold the given keys, and the state of those items and of <paramref name="itemIds"/>.</summary>
    public PageSnapshot LookupItems(IEnumerable<string> keys, IEnumerable<long> itemIds)
    {
        Begin();
        var snapshot = new PageSnapshot();
        _lookups.Keys.Parameters["$values"].Value = JsonList.Of(keys);
        using (var reader = _lookups.Keys.ExecuteReader())
        {
            while (reader.Read())
            {
                snapshot.Keys[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        _lookups.Items.Parameters["$values"].Value = JsonList.Of(snapshot.Keys.Values.Concat(itemIds));
        using (var reader = _lookups.Items.ExecuteReader())
        {
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

    /// <summary>Adds a matching key (a key another item already holds is left to that item).</summary>
    public void InsertKey(string key, long itemId)
    {
        Count();
        _commands.InsertKey(key, itemId);
    }

    /// <summary>Records what the backend reported for an item; <paramref name="isNew"/> when no view was stored yet.</summary>
    public void SaveView(Observation observation, long itemId, bool isNew, DateTimeOffset now)
    {
        Count();
        _commands.SaveView(observation, itemId, isNew, now);
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

    /// <summary>
    /// Writes what the page buffered (its lookups and decisions are done by then) and commits when enough has
    /// been written; called between pages so a page is never split.
    /// </summary>
    public void CommitIfDue()
    {
        if (_transaction is null)
        {
            ReleaseTurn();
            return;
        }

        _commands.Flush();
        var held = _clock is not null && _clock.GetUtcNow() - _heldSince >= HoldLimit;
        if (!_ownsTransaction || _dryRun || (_writesSinceCommit < _commitEvery && !held))
        {
            return;
        }

        _transaction.Commit();
        _transaction.Dispose();

        // Not begun again until there is work: the next page's fetch runs without the write lock.
        _transaction = null;
        _enlisted = false;
        _writesSinceCommit = 0;
        ReleaseTurn();
    }

    /// <summary>Waits for this process's other writers, when gated, before the store's next transaction (its first, a page's work, the cursors).</summary>
    public async Task ReadyAsync(CancellationToken cancellationToken)
    {
        if (_gate is not null && _turn is null && !_enlisted)
        {
            _turn = await _gate.EnterAsync(cancellationToken);
        }
    }

    private void ReleaseTurn()
    {
        _turn?.Dispose();
        _turn = null;
    }

    /// <summary>Makes the run's writes durable, or throws them away on a dry run.</summary>
    public void Complete()
    {
        _completed = true;
        if (_transaction is null)
        {
            // Everything was committed at the last page boundary, and nothing written since.
            ReleaseTurn();
            return;
        }

        _commands.Flush();
        if (!_ownsTransaction)
        {
            return;
        }

        if (_dryRun)
        {
            _transaction.Rollback();
        }
        else
        {
            _transaction.Commit();
        }

        _transaction.Dispose();
        ReleaseTurn();
    }

    public string? GetCursor(string direction)
    {
        Begin();
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
            _commands.Discard();
            if (_ownsTransaction)
            {
                _transaction?.Dispose();
            }
        }

        _commands.Dispose();
        _lookups.Dispose();
        ReleaseTurn();
    }

    /// <summary>
    /// Takes the write lock again after a commit (immediately, so a lookup and the writes it decides are one
    /// snapshot); item ids are allocated afresh, as other writers may have added items in between.
    /// </summary>
    private void Begin()
    {
        if (_enlisted)
        {
            return;
        }

        if (_gate is not null && _turn is null)
        {
            throw new InvalidOperationException("the import store's next transaction needs its turn: call ReadyAsync first");
        }

        _transaction ??= _connection.BeginTransaction(deferred: false);
        _heldSince = _clock?.GetUtcNow() ?? default;
        _commands.Enlist(_transaction);
        _lookups.Enlist(_transaction);
        _enlisted = true;
    }

    private void Count()
    {
        Begin();
        Writes++;
        _writesSinceCommit++;
    }
}
