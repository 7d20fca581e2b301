using WatchState.Configuration;
using WatchState.Storage;

namespace WatchState.Scheduling;

/// <summary>
/// Schedule changes made through the API (<c>PATCH /v1/api/tasks/{name}</c>), kept in the database's <c>settings</c>
/// table under the variables' own names (<c>WS_CRON_IMPORT</c>, <c>WS_CRON_IMPORT_AT</c>). A stored value wins over
/// the environment, so a change survives restarts; removing the row gives the variable back its say.
/// </summary>
public sealed class TaskScheduleOverrides(Database database, AppSettings settings)
{
    private volatile IReadOnlyDictionary<string, string> _stored = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The schedules in effect, from what was last loaded or saved.</summary>
    public IReadOnlyList<TaskSchedule> Current => TaskSchedule.WithOverrides(settings.Tasks, _stored);

    /// <summary>Reads the stored values (the scheduler at start, and lists that must be exact).</summary>
    public async Task<IReadOnlyList<TaskSchedule>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM settings WHERE key LIKE 'WS\\_CRON\\_%' ESCAPE '\\'";
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetString(0)] = reader.GetString(1);
            }
        }

        _stored = stored;
        return Current;
    }

    /// <summary>Stores the given values (null leaves one as it is) and returns the task's schedule.</summary>
    /// <exception cref="ConfigException">The cron expression is not valid; the message says why.</exception>
    /// <exception cref="KeyNotFoundException">No schedule has that task name.</exception>
    public async Task<TaskSchedule> SaveAsync(string task, bool? enabled, string? at, CancellationToken cancellationToken)
    {
        if (settings.Tasks.All(t => t.Task != task))
        {
            throw new KeyNotFoundException($"no scheduled task named '{task}'");
        }

        if (at is not null)
        {
            TaskSchedule.ParseCron(at, TaskSchedule.AtKey(task));
        }

        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO settings (key, value) VALUES ($key, $value)";
            var key = command.Parameters.AddWithValue("$key", "");
            var value = command.Parameters.AddWithValue("$value", "");
            foreach (var (name, text) in new[] { (TaskSchedule.EnabledKey(task), enabled?.ToString().ToLowerInvariant()), (TaskSchedule.AtKey(task), at?.Trim()) })
            {
                if (text is not null)
                {
                    key.Value = name;
                    value.Value = text;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }

        return (await LoadAsync(cancellationToken)).Single(s => s.Task == task);
    }
}
