using WatchState.Configuration;
using WatchState.Scheduling;

namespace WatchState.Api.Tasks;

/// <summary>
/// The tasks as people see them (API and Tasks page): schedule in effect, next run, whether one runs now, last run.
/// </summary>
internal sealed class TaskOverview(
    TaskRunner runner, TaskRunStore runs, TaskScheduleOverrides overrides, AppSettings settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<TaskDto>> ListAsync(CancellationToken cancellationToken)
    {
        var schedules = await overrides.LoadAsync(cancellationToken);
        var latest = await runs.LatestAsync(cancellationToken);
        return [.. runner.Tasks.Select(task => Describe(task, schedules.FirstOrDefault(s => s.Task == task.Name), latest.GetValueOrDefault(task.Name)))];
    }

    /// <summary>One task; null when there is no task of that name.</summary>
    public async Task<TaskDto?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(t => t.Name == name);

    public TaskDto Describe(IScheduledTask task, TaskSchedule? schedule, TaskRun? last)
    {
        ArgumentNullException.ThrowIfNull(task);
        var enabled = schedule?.Enabled == true;
        return new TaskDto(
            task.Name,
            task.Description,
            enabled,
            schedule?.Expression,
            enabled ? schedule!.NextAfter(clock.GetUtcNow(), settings.TimeZone) : null,
            runner.IsRunning(task.Name),
            last is null ? null : TaskRunDto.From(last));
    }
}
