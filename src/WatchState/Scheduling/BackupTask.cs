using WatchState.Backup;
using WatchState.Configuration;

namespace WatchState.Scheduling;

/// <summary>The <c>backup</c> task: <c>state:backup --all</c>, compressed, then each identity's old backups pruned.</summary>
public sealed class BackupTask(IdentitySweep identities, BackupJob job, AppSettings settings) : IScheduledTask
{
    public string Name => "backup";

    public string Description =>
        $"Write each backend's play state of every identity to backup/ (gzip JSON) and remove backups older than {settings.BackupKeepDays} days";

    public Task<string> RunAsync(CancellationToken cancellationToken) => identities.RunAsync(BackupAsync, cancellationToken);

    private async Task<string> BackupAsync(string identity, IReadOnlyList<BackendConfig> backends, CancellationToken cancellationToken)
    {
        if (backends.Count == 0)
        {
            return "no backend is configured";
        }

        var outcome = await job.RunAsync(identity, [.. backends.Select(b => b.Name)], compress: true, dryRun: false, cancellationToken);
        return string.Join("; ", outcome.Results.Select(job.Describe)) + $"; {outcome.Pruned} old backup(s) removed";
    }
}
