using Microsoft.Extensions.Logging.Abstractions;
using WatchState.Scheduling;
using WatchState.Storage;
using WatchState.Tests.Simulator;

namespace WatchState.Tests.Scheduling;

public sealed class TaskRunnerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private readonly ManualClock _clock = new(Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private TaskRunStore Store() => new(new Database(_temp.File("db/watchstate.db")));

    private TaskRunner Runner(TaskRunStore store, params IScheduledTask[] tasks) =>
        new(tasks, store, _clock, NullLogger<TaskRunner>.Instance);

    private CronScheduler Scheduler(TaskRunStore store, TaskRunner runner, Dictionary<string, string> env)
    {
        var settings = TaskScheduleTests.Settings(env);
        return new(runner, store, new TaskScheduleOverrides(new Database(_temp.File("db/watchstate.db")), settings), settings, _clock, NullLogger<CronScheduler>.Instance);
    }

    [Fact]
    public async Task Every_run_is_recorded_with_its_outcome_and_message()
    {
        var store = Store();
        var runner = Runner(store, new FakeTask("import", _ => Task.FromResult("3 added")), new FakeTask("prune", _ => throw new TaskFailedException("disk full")));

        var ok = await runner.RunAsync("import", TaskTrigger.Manual, Ct);
        var failed = await runner.RunAsync("prune", TaskTrigger.Schedule, Ct);
        var latest = await store.LatestAsync(Ct);

        Assert.Equal(("ok", "3 added"), (ok.Outcome, ok.Message));
        Assert.Equal(("failed", "disk full"), (failed.Outcome, failed.Message));
        Assert.Equal(("manual", "ok", "3 added"), (latest["import"].Trigger, latest["import"].Outcome, latest["import"].Message));
        Assert.Equal(("schedule", "failed"), (latest["prune"].Trigger, latest["prune"].Outcome));
        Assert.Equal(Start, latest["import"].EndedAt);
    }

    [Fact]
    public async Task A_task_never_overlaps_itself()
    {
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = Store();
        var runner = Runner(store, new FakeTask("import", _ => release.Task));

        var first = runner.RunAsync("import", TaskTrigger.Schedule, Ct);
        while (!runner.IsRunning("import"))
        {
            await Task.Delay(5, Ct);
        }

        var second = await runner.RunAsync("import", TaskTrigger.Manual, Ct);
        release.SetResult("done");
        var firstResult = await first;

        Assert.False(second.Started);
        Assert.Equal("skipped", second.Outcome);
        Assert.Equal("ok", firstResult.Outcome);
        Assert.Single(await store.RecentAsync("import", 10, Ct));
    }

    [Fact]
    public async Task After_a_restart_overdue_work_runs_and_interrupted_runs_are_closed()
    {
        var store = Store();
        var ran = new List<string>();
        var runner = Runner(
            store,
            new FakeTask("import", _ => { ran.Add("import"); return Task.FromResult("ok"); }),
            new FakeTask("prune", _ => { ran.Add("prune"); return Task.FromResult("ok"); }));
        await store.StartAsync("import", TaskTrigger.Schedule, Start.AddHours(-3), Ct);    // died mid-run, an hourly slot has passed since
        var pruneRun = await store.StartAsync("prune", TaskTrigger.Schedule, Start.AddHours(-1), Ct);
        await store.FinishAsync(pruneRun, Start.AddHours(-1), "ok", "fine", Ct);            // every 12 hours: not due yet
        var scheduler = Scheduler(store, runner, new() { ["WS_CRON_IMPORT"] = "true", ["WS_CRON_PRUNE_AT"] = "0 */12 * * *" });

        var overdue = await scheduler.StartUpAsync(Ct);
        await scheduler.DrainAsync();

        Assert.Equal(["import"], overdue);
        Assert.Equal(["import"], ran);
        var imports = await store.RecentAsync("import", 10, Ct);
        Assert.Equal(("overdue", "ok"), (imports[0].Trigger, imports[0].Outcome));
        Assert.StartsWith("interrupted", imports[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_tasks_start_when_their_time_comes_and_disabled_ones_never()
    {
        var store = Store();
        var ran = new List<string>();
        var runner = Runner(
            store,
            new FakeTask("import", _ => { lock (ran) { ran.Add("import"); } return Task.FromResult("ok"); }),
            new FakeTask("export", _ => { lock (ran) { ran.Add("export"); } return Task.FromResult("ok"); }));
        var scheduler = Scheduler(store, runner, new() { ["WS_CRON_IMPORT"] = "true", ["WS_CRON_IMPORT_AT"] = "*/10 * * * *" });
        await scheduler.StartUpAsync(Ct);

        _clock.Now = Start.AddMinutes(5);
        var early = scheduler.StartDue(Ct);
        _clock.Now = Start.AddMinutes(10);
        var onTime = scheduler.StartDue(Ct);
        _clock.Now = Start.AddMinutes(11);
        var after = scheduler.StartDue(Ct);
        await scheduler.DrainAsync();

        Assert.Empty(early);
        Assert.Equal(["import"], onTime);
        Assert.Empty(after);
        Assert.Equal(["import"], ran);
    }

    private sealed class FakeTask(string name, Func<CancellationToken, Task<string>> run) : IScheduledTask
    {
        public string Name => name;

        public string Description => "test task " + name;

        public Task<string> RunAsync(CancellationToken cancellationToken) => run(cancellationToken);
    }
}
