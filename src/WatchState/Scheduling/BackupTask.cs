using WatchState.Backup;
using WatchState.Configuration;

namespace WatchState.Scheduling;

/// <summary>The <c>backup</c> task: <c>state:backup</c> for every backend, compressed, then old backups pruned.</summary>
public sealed class BackupTask(ServersFile servers, BackupJob job, AppSettings settings) : IScheduledTask
{
    public string Name => "backup";

    public string Description => $"Write each backend's play state to backup/ (gzip JSON) and remove backups older than {settings.BackupKeepDays} days";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        if (backends.Count == 0)
        {
            return "no backend is configured";
        }

        var outcome = await job.RunAsync([.. backends.Select(b => b.Name)], compress: true, dryRun: false, cancellationToken);
        return string.Join("; ", outcome.Results.Select(job.Describe)) + $"; {outcome.Pruned} old backup(s) removed";
    }
}
