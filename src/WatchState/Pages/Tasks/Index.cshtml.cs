using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WatchState.Api.Tasks;
using WatchState.Configuration;
using WatchState.Scheduling;

namespace WatchState.Pages.Tasks;

/// <summary>
/// The scheduled tasks: switch them on and off, change their schedule, run one now. A run goes on in the background;
/// its card polls until the run has finished.
/// </summary>
internal sealed class IndexModel(
    TaskOverview overview, TaskRunner runner, TaskScheduleOverrides overrides, IHostApplicationLifetime lifetime) : PageModel
{
    public IReadOnlyList<TaskCard> Cards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cards = [.. (await overview.ListAsync(cancellationToken)).Select(t => new TaskCard(t))];

    /// <summary>The card alone: what a running card polls; with <paramref name="watch"/>, a finished run says so.</summary>
    public async Task<IActionResult> OnGetCardAsync(string name, bool watch, CancellationToken cancellationToken)
    {
        if (await overview.GetAsync(name, cancellationToken) is not { } task)
        {
            return NotFound($"no task named '{name}'");
        }

        var finished = watch && !task.Running && task.LastRun is { } last
            ? $"{name} finished: {last.Outcome}" + (string.IsNullOrEmpty(last.Message) ? "" : $" — {last.Message}")
            : null;
        return Card(new TaskCard(task) { Toast = finished, ToastKind = task.LastRun?.Outcome == "ok" ? "ok" : "error" });
    }

    public async Task<IActionResult> OnPostRunAsync(string name, CancellationToken cancellationToken)
    {
        if (!runner.Has(name))
        {
            return NotFound($"no task named '{name}'");
        }

        // Not the request's token: the run outlives the request, and stops only with the server.
        var started = await runner.StartAsync(name, TaskTrigger.Manual, lifetime.ApplicationStopping);
        var task = (await overview.GetAsync(name, cancellationToken))!;
        return Card(started is null
            ? new TaskCard(task) { Error = $"{name} is already running: wait for its run to finish." }
            : new TaskCard(task with { Running = true }) { Toast = $"{name} started", ToastKind = "info" });
    }

    public async Task<IActionResult> OnPostEnableAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        if (!runner.Has(name))
        {
            return NotFound($"no task named '{name}'");
        }

        await overrides.SaveAsync(name, enabled, null, cancellationToken);
        return Card(new TaskCard((await overview.GetAsync(name, cancellationToken))!)
        {
            Toast = $"{name} {(enabled ? "enabled" : "disabled")}",
            ToastKind = "ok",
        });
    }

    public async Task<IActionResult> OnPostScheduleAsync(string name, string? schedule, CancellationToken cancellationToken)
    {
        if (!runner.Has(name))
        {
            return NotFound($"no task named '{name}'");
        }

        if (string.IsNullOrWhiteSpace(schedule))
        {
            return Card(new TaskCard((await overview.GetAsync(name, cancellationToken))!)
            {
                Error = "Enter a cron expression with five fields, such as 0 */6 * * * (every 6 hours).",
                ScheduleInput = schedule,
            });
        }

        try
        {
            await overrides.SaveAsync(name, null, schedule, cancellationToken);
        }
        catch (ConfigException ex)
        {
            return Card(new TaskCard((await overview.GetAsync(name, cancellationToken))!) { Error = ex.Message, ScheduleInput = schedule });
        }

        return Card(new TaskCard((await overview.GetAsync(name, cancellationToken))!) { Toast = $"{name}: schedule saved", ToastKind = "ok" });
    }

    private PartialViewResult Card(TaskCard card) => Partial("_TaskCard", card);
}

/// <summary>One task's card, with a message for the person who just acted on it.</summary>
internal sealed record TaskCard(TaskDto Task)
{
    /// <summary>Shown in the card (a bad cron expression, "already running").</summary>
    public string? Error { get; init; }

    /// <summary>What the person typed, kept when it was refused so they can fix it.</summary>
    public string? ScheduleInput { get; init; }

    public string? Toast { get; init; }

    public string ToastKind { get; init; } = "info";
}
