namespace WatchState.Scheduling;

/// <summary>The <c>prune</c> task: forgets old task runs so the table stays small over years of running.</summary>
public sealed class PruneTask(TaskRunStore runs, TimeProvider clock) : IScheduledTask
{
    /// <summary>How long task runs are kept.</summary>
    public static readonly TimeSpan KeepRuns = TimeSpan.FromDays(90);

    public string Name => "prune";

    public string Description => "Remove task runs older than 90 days";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var removed = await runs.PruneAsync(clock.GetUtcNow() - KeepRuns, cancellationToken);
        return $"{removed} old task run(s) removed";
    }
}
