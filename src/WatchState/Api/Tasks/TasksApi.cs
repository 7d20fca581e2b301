using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WatchState.Configuration;
using WatchState.Scheduling;

namespace WatchState.Api.Tasks;

/// <summary><c>/v1/api/tasks</c>: the scheduled tasks, their runs, run now, and their schedules.</summary>
internal static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");
        group.MapGet("/", ListAsync).WithSummary("The tasks: enabled, schedule, next run, last run with its outcome and counts");
        group.MapGet("/{name}/runs", RunsAsync).WithSummary("A task's recorded runs, newest first (paging)");
        group.MapPost("/{name}/run", RunAsync).WithSummary("Run a task now: 202 with the run id, or 409 while it is already running");
        group.MapPatch("/{name}", UpdateAsync).WithSummary("Enable or disable a task, or change its cron schedule (kept over WS_CRON_* across restarts)");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<TaskDto>>> ListAsync(TaskOverview overview, CancellationToken cancellationToken) =>
        TypedResults.Ok(await overview.ListAsync(cancellationToken));

    private static async Task<Results<Ok<Paged<TaskRunDto>>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> RunsAsync(
        string name, [AsParameters] PageQuery paging, TaskRunner runner, TaskRunStore runs, CancellationToken cancellationToken)
    {
        if (!runner.Has(name))
        {
            return Problems.NotFound(Unknown(runner, name));
        }

        if (paging.Error is { } error)
        {
            return Problems.BadRequest(error);
        }

        var (page, total) = await runs.PageAsync(name, paging.Offset, paging.Size, cancellationToken);
        return TypedResults.Ok(paging.Of<TaskRunDto>([.. page.Select(TaskRunDto.From)], total));
    }

    private static async Task<Results<Accepted<TaskStartedDto>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RunAsync(
        string name, TaskRunner runner, IHostApplicationLifetime lifetime)
    {
        if (!runner.Has(name))
        {
            return Problems.NotFound(Unknown(runner, name));
        }

        // Not the request's token: the run outlives the request, and stops only with the server.
        var id = await runner.StartAsync(name, TaskTrigger.Manual, lifetime.ApplicationStopping);
        return id is { } runId
            ? TypedResults.Accepted($"/v1/api/tasks/{name}/runs", new TaskStartedDto(name, runId))
            : Problems.Conflict($"task '{name}' is already running; wait for its run to finish (GET /v1/api/tasks)");
    }

    private static async Task<Results<Ok<TaskDto>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> UpdateAsync(
        string name, TaskPatchBody body, TaskRunner runner, TaskScheduleOverrides overrides, TaskOverview overview, AppSettings settings, CancellationToken cancellationToken)
    {
        if (!runner.Has(name) || settings.Tasks.All(s => s.Task != name))
        {
            return Problems.NotFound(Unknown(runner, name));
        }

        TaskSchedule schedule;
        try
        {
            schedule = await overrides.SaveAsync(name, body.Enabled, body.Schedule, cancellationToken);
        }
        catch (ConfigException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        return TypedResults.Ok(overview.Describe(runner.Tasks.Single(t => t.Name == name), schedule, null));
    }

    private static string Unknown(TaskRunner runner, string name) =>
        $"no task named '{name}'; tasks: {string.Join(", ", runner.Tasks.Select(t => t.Name))}";
}
