using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WatchState.Configuration;
using WatchState.Scheduling;

namespace WatchState.Cli;

/// <summary>A task as <c>system:tasks -o json</c> shows it.</summary>
internal sealed record TaskView(
    string Name,
    string Description,
    bool Enabled,
    string Schedule,
    DateTimeOffset? NextRun,
    DateTimeOffset? LastStarted,
    DateTimeOffset? LastEnded,
    string? LastOutcome,
    string? LastMessage);

internal sealed class TaskHandler(
    TaskRunner runner, TaskRunStore runs, TaskScheduleOverrides overrides, AppSettings settings, TimeProvider clock, CliOutput output)
{
    public async Task<int> ListAsync(OutputFormat format, CancellationToken cancellationToken)
    {
        var schedules = await overrides.LoadAsync(cancellationToken);
        var latest = await runs.LatestAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var views = runner.Tasks.Select(task =>
        {
            var schedule = schedules.FirstOrDefault(s => s.Task == task.Name);
            var last = latest.GetValueOrDefault(task.Name);
            var enabled = schedule?.Enabled == true;
            return new TaskView(
                task.Name,
                task.Description,
                enabled,
                schedule?.Expression ?? "manual only",
                enabled ? schedule!.NextAfter(now, settings.TimeZone) : null,
                last?.StartedAt,
                last?.EndedAt,
                last is null ? null : last.Outcome ?? "running",
                last?.Message);
        }).ToList();

        if (format == OutputFormat.Json)
        {
            output.Json<IReadOnlyList<TaskView>>(views, TaskJsonContext.Default.IReadOnlyListTaskView);
            return CliContext.Ok;
        }

        var table = new CliTable("task", "enabled", "schedule", "next run", "last run", "outcome");
        foreach (var view in views)
        {
            table.Add(view.Name, view.Enabled ? "yes" : "no", view.Schedule, Local(view.NextRun), Local(view.LastStarted), Outcome(view));
        }

        output.Table(table);
        output.Line($"Times in {settings.Tz}. Enable a task with WS_CRON_<TASK>=true and set its time with WS_CRON_<TASK>_AT (cron); `watchstate serve` runs them.");
        return CliContext.Ok;
    }

    public async Task<int> RunNowAsync(string task, CancellationToken cancellationToken)
    {
        if (!runner.Has(task))
        {
            output.Error($"No task named '{task}'; tasks: {string.Join(", ", runner.Tasks.Select(t => t.Name))}");
            return CliContext.Usage;
        }

        var result = await runner.RunAsync(task, TaskTrigger.Manual, cancellationToken);
        var line = $"{task}: {result.Outcome}: {result.Message}";
        switch (result.Outcome)
        {
            case "ok":
                output.Success(line);
                return CliContext.Ok;
            default:
                output.Error(line);
                return CliContext.Failed;
        }
    }

    private string Local(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, settings.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    private static string Outcome(TaskView view) =>
        view.LastOutcome is null ? "-" : view.LastMessage is null ? view.LastOutcome : $"{view.LastOutcome}: {view.LastMessage}";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<TaskView>))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;
