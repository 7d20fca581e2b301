using WatchState.Scheduling;

namespace WatchState.Api.Tasks;

/// <summary>A task with its schedule and its last run.</summary>
/// <param name="Schedule">The cron expression (in <c>WS_TZ</c>), from <c>WS_CRON_&lt;TASK&gt;_AT</c> or a PATCH.</param>
/// <param name="NextRun">Null while disabled.</param>
/// <param name="Running">True while a run is going.</param>
public sealed record TaskDto(string Name, string Description, bool Enabled, string? Schedule, DateTimeOffset? NextRun, bool Running, TaskRunDto? LastRun);

/// <summary>One recorded run.</summary>
/// <param name="Trigger">schedule, overdue or manual.</param>
/// <param name="Outcome">ok, failed, cancelled; null while running.</param>
/// <param name="Message">The run's one-line summary, with its counts (e.g. "jf: 3 added, 1 updated, 40 unchanged").</param>
public sealed record TaskRunDto(long Id, string Task, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, string? Message)
{
    public static TaskRunDto From(TaskRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.Task, run.Trigger, run.StartedAt, run.EndedAt, run.Outcome, run.Message);
    }
}

/// <summary>The answer to "run now": the run's id, to follow with GET /v1/api/tasks/{name}/runs.</summary>
public sealed record TaskStartedDto(string Task, long RunId);

/// <summary>PATCH /v1/api/tasks/{name}: stored in the settings table over WS_CRON_&lt;TASK&gt; and WS_CRON_&lt;TASK&gt;_AT.</summary>
/// <param name="Schedule">A cron expression with five fields (six with seconds), such as "0 */6 * * *".</param>
public sealed record TaskPatchBody(bool? Enabled, string? Schedule);
