using System.Collections.Concurrent;

namespace WatchState.Scheduling;

/// <summary>The outcome of asking for a run.</summary>
public sealed record TaskRunResult(string Task, bool Started, string Outcome, string Message);

/// <summary>
/// Runs tasks by name, never two runs of one task at once, and records every run (start, end, outcome, message)
/// whether the schedule, overdue work after a restart, or a person started it.
/// </summary>
public sealed partial class TaskRunner(
    IEnumerable<IScheduledTask> tasks, TaskRunStore runs, TimeProvider clock, ILogger<TaskRunner> logger)
{
    private readonly IReadOnlyDictionary<string, IScheduledTask> _tasks = tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly List<Task> _background = [];

    public IReadOnlyCollection<IScheduledTask> Tasks => [.. _tasks.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];

    public bool Has(string name) => _tasks.ContainsKey(name);

    public bool IsRunning(string name) => _gates.TryGetValue(name, out var gate) && gate.CurrentCount == 0;

    /// <exception cref="KeyNotFoundException">No task has that name.</exception>
    public async Task<TaskRunResult> RunAsync(string name, TaskTrigger trigger, CancellationToken cancellationToken)
    {
        var task = _tasks.GetValueOrDefault(name) ?? throw new KeyNotFoundException($"no task named '{name}'; tasks: {string.Join(", ", _tasks.Keys.Order())}");
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            Log.Overlap(logger, name);
            return new TaskRunResult(name, false, "skipped", "the previous run is still going");
        }

        try
        {
            var id = await runs.StartAsync(name, trigger, clock.GetUtcNow(), cancellationToken);
            Log.Started(logger, name, trigger);
            var (outcome, message) = await ExecuteAsync(task, cancellationToken);

            // Recorded even when the run was cancelled by shutdown, so it does not look abandoned.
            await runs.FinishAsync(id, clock.GetUtcNow(), outcome, message, CancellationToken.None);
            Log.Finished(logger, name, outcome, message);
            return new TaskRunResult(name, true, outcome, message);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Starts a run and returns at once with its id (the API's "run now"); null when the task is already running.
    /// The run continues in the background with <paramref name="stopping"/> (the server's shutdown) as its token.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No task has that name.</exception>
    public async Task<long?> StartAsync(string name, TaskTrigger trigger, CancellationToken stopping)
    {
        var task = _tasks.GetValueOrDefault(name) ?? throw new KeyNotFoundException($"no task named '{name}'; tasks: {string.Join(", ", _tasks.Keys.Order())}");
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(TimeSpan.Zero, CancellationToken.None))
        {
            Log.Overlap(logger, name);
            return null;
        }

        long id;
        try
        {
            id = await runs.StartAsync(name, trigger, clock.GetUtcNow(), CancellationToken.None);
        }
        catch
        {
            gate.Release();
            throw;
        }

        Log.Started(logger, name, trigger);
        var run = Task.Run(
            async () =>
            {
                try
                {
                    var (outcome, message) = await ExecuteAsync(task, stopping);
                    await runs.FinishAsync(id, clock.GetUtcNow(), outcome, message, CancellationToken.None);
                    Log.Finished(logger, name, outcome, message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Nobody awaits this run: an unexpected failure is recorded rather than lost.
                    await runs.FinishAsync(id, clock.GetUtcNow(), "failed", $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
                    Log.Finished(logger, name, "failed", ex.Message);
                }
                finally
                {
                    gate.Release();
                }
            },
            CancellationToken.None);
        lock (_background)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(run);
        }

        return id;
    }

    /// <summary>Waits for the runs <see cref="StartAsync"/> started (shutdown, tests).</summary>
    public async Task WaitForBackgroundAsync()
    {
        Task[] running;
        lock (_background)
        {
            running = [.. _background];
        }

        await Task.WhenAll(running);
    }

    private static async Task<(string Outcome, string Message)> ExecuteAsync(IScheduledTask task, CancellationToken cancellationToken)
    {
        try
        {
            return ("ok", await task.RunAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ("cancelled", "stopped by shutdown; it runs again at its next time");
        }
        catch (Exception ex) when (ex is TaskFailedException or Backends.BackendException or Configuration.ConfigException)
        {
            return ("failed", ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Task {Task} started ({Trigger})")]
        public static partial void Started(ILogger logger, string task, TaskTrigger trigger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Task {Task} finished: {Outcome}: {Message}")]
        public static partial void Finished(ILogger logger, string task, string outcome, string message);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Task {Task} not started: its previous run is still going")]
        public static partial void Overlap(ILogger logger, string task);
    }
}
