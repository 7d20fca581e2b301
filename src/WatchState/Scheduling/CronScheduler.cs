using WatchState.Configuration;

namespace WatchState.Scheduling;

/// <summary>
/// Starts each enabled task at its cron times (in <c>WS_TZ</c>), and on start-up runs work that came due while the
/// server was down. Tasks run side by side; one task never overlaps itself (see <see cref="TaskRunner"/>).
/// </summary>
public sealed partial class CronScheduler(
    TaskRunner runner, TaskRunStore runs, TaskScheduleOverrides schedules, AppSettings settings, TimeProvider clock, ILogger<CronScheduler> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, DateTimeOffset> _considered = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];

    /// <summary>The enabled schedules that have a task to run (the environment's, with changes made through the API).</summary>
    public IReadOnlyList<TaskSchedule> Active => [.. schedules.Current.Where(s => s.Enabled && runner.Has(s.Task))];

    /// <summary>Whether a run is due: a cron time has passed since <paramref name="since"/>.</summary>
    public static bool IsDue(TaskSchedule schedule, DateTimeOffset since, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.NextAfter(since, zone) is { } next && next <= now;
    }

    /// <summary>Starts what is overdue after a restart; the rest waits for its next time.</summary>
    public async Task<IReadOnlyList<string>> StartUpAsync(CancellationToken cancellationToken)
    {
        // Logged before the first await so that it is written while the host starts.
        var active = Active;
        Log.Scheduled(logger, active.Count, active.Count == 0 ? "none" : string.Join(", ", active.Select(a => $"{a.Task} at '{a.Expression}'")), settings.Tz);
        var now = clock.GetUtcNow();
        var closed = await runs.CloseAbandonedAsync(now, cancellationToken);
        if (closed > 0)
        {
            Log.Abandoned(logger, closed);
        }

        var latest = await runs.LatestAsync(cancellationToken);
        var overdue = new List<string>();
        foreach (var schedule in active)
        {
            _considered[schedule.Task] = now;
            if (latest.TryGetValue(schedule.Task, out var last) && IsDue(schedule, last.StartedAt, now, settings.TimeZone))
            {
                overdue.Add(schedule.Task);
                Start(schedule.Task, TaskTrigger.Overdue, cancellationToken);
            }
        }

        return overdue;
    }

    /// <summary>Starts every task whose cron time has come since it was last considered.</summary>
    public IReadOnlyList<string> StartDue(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var started = new List<string>();
        foreach (var schedule in Active)
        {
            var since = _considered.GetValueOrDefault(schedule.Task, now);
            _considered[schedule.Task] = now;
            if (IsDue(schedule, since, now, settings.TimeZone))
            {
                started.Add(schedule.Task);
                Start(schedule.Task, TaskTrigger.Schedule, cancellationToken);
            }
        }

        return started;
    }

    /// <summary>Waits for the runs started so far (tests, and shutdown).</summary>
    public async Task DrainAsync()
    {
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
    }

    /// <summary>Reads the schedule changes made through the API before the first run is considered.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await schedules.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartUpAsync(stoppingToken);
            using var timer = new PeriodicTimer(Tick, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                StartDue(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: in-flight runs see the same token and record themselves as cancelled.
        }

        await DrainAsync();
        await runner.WaitForBackgroundAsync();
    }

    private void Start(string task, TaskTrigger trigger, CancellationToken cancellationToken)
    {
        var run = Task.Run(() => runner.RunAsync(task, trigger, cancellationToken), CancellationToken.None);
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(run);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler: {Count} task(s) enabled: {Tasks} (times in {Zone})")]
        public static partial void Scheduled(ILogger logger, int count, string tasks, string zone);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} task run(s) were interrupted when the server last stopped")]
        public static partial void Abandoned(ILogger logger, int count);
    }
}
