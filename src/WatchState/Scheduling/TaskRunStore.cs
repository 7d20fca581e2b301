using Microsoft.Data.Sqlite;
using WatchState.Storage;

namespace WatchState.Scheduling;

public enum TaskTrigger
{
    Schedule,
    Overdue,
    Manual,
}

/// <summary>One recorded run; <see cref="EndedAt"/> is null while it runs or when the process died during it.</summary>
public sealed record TaskRun(long Id, string Task, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, string? Message);

/// <summary>The <c>task_runs</c> table: every run of every task, so the schedule can tell overdue work after a restart.</summary>
public sealed class TaskRunStore(Database database)
{
    public async Task<long> StartAsync(string task, TaskTrigger trigger, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO task_runs (task, trigger, started_at) VALUES ($task, $trigger, $at) RETURNING id";
        command.Parameters.AddWithValue("$task", task);
        command.Parameters.AddWithValue("$trigger", trigger.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$at", Time.ToDb(at));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task FinishAsync(long id, DateTimeOffset at, string outcome, string? message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE task_runs SET ended_at = $at, outcome = $outcome, message = $message WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", Time.ToDb(at));
        command.Parameters.AddWithValue("$outcome", outcome);
        command.Parameters.AddWithValue("$message", (object?)message ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest run of each task.</summary>
    public async Task<IReadOnlyDictionary<string, TaskRun>> LatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, task, trigger, started_at, ended_at, outcome, message FROM task_runs AS r
            WHERE id = (SELECT MAX(id) FROM task_runs WHERE task = r.task)
            """;
        var runs = new Dictionary<string, TaskRun>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var run = Read(reader);
            runs[run.Task] = run;
        }

        return runs;
    }

    public async Task<IReadOnlyList<TaskRun>> RecentAsync(string? task, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, task, trigger, started_at, ended_at, outcome, message FROM task_runs"
            + (task is null ? string.Empty : " WHERE task = $task") + " ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$task", (object?)task ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        var runs = new List<TaskRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(Read(reader));
        }

        return runs;
    }

    /// <summary>One page of a task's runs, newest first, and how many there are.</summary>
    public async Task<(IReadOnlyList<TaskRun> Runs, long Total)> PageAsync(string task, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, task, trigger, started_at, ended_at, outcome, message FROM task_runs WHERE task = $task ORDER BY id DESC LIMIT $limit OFFSET $offset;
            SELECT COUNT(*) FROM task_runs WHERE task = $task;
            """;
        command.Parameters.AddWithValue("$task", task);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        var runs = new List<TaskRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(Read(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (runs, reader.GetInt64(0));
    }

    public async Task<TaskRun?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, task, trigger, started_at, ended_at, outcome, message FROM task_runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Runs left open by a process that died are closed as such, so they do not look like they still run.</summary>
    public async Task<int> CloseAbandonedAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE task_runs SET ended_at = $at, outcome = 'failed', message = 'interrupted: the process stopped during the run' WHERE ended_at IS NULL";
        command.Parameters.AddWithValue("$at", Time.ToDb(at));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets runs older than <paramref name="before"/>.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM task_runs WHERE started_at < $before AND ended_at IS NOT NULL";
        command.Parameters.AddWithValue("$before", Time.ToDb(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static TaskRun Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        Time.FromDb(reader.GetInt64(3)),
        Time.FromDbNullable(reader.GetValue(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));
}
