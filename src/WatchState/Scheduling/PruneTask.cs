using System.Globalization;
using WatchState.Configuration;
using WatchState.Logging;
using WatchState.Storage;

namespace WatchState.Scheduling;

/// <summary>The <c>prune</c> task: forgets old task runs and log files so a server running for years stays small.</summary>
public sealed class PruneTask(TaskRunStore runs, InboxStore inbox, DataPaths paths, TimeProvider clock) : IScheduledTask
{
    /// <summary>How long task runs are kept.</summary>
    public static readonly TimeSpan KeepRuns = TimeSpan.FromDays(90);

    /// <summary>How long finished webhooks are kept for <c>events:list</c> (Jellyfin alone sends one every few seconds of play).</summary>
    public static readonly TimeSpan KeepEvents = TimeSpan.FromDays(30);

    /// <summary>How many days of log files are kept.</summary>
    public const int KeepLogDays = 7;

    public string Name => "prune";

    public string Description => "Remove task runs older than 90 days, finished webhooks older than 30 days and log files older than 7 days";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var removedRuns = await runs.PruneAsync(now - KeepRuns, cancellationToken);
        var removedEvents = await inbox.PruneAsync(now - KeepEvents, cancellationToken);
        var removedLogs = PruneLogs(DateOnly.FromDateTime(now.UtcDateTime).AddDays(-KeepLogDays));
        return $"{removedRuns} old task run(s), {removedEvents} old webhook(s) and {removedLogs} old log file(s) removed";
    }

    /// <summary>Deletes daily log files dated before <paramref name="oldestKept"/>; other files are left alone.</summary>
    private int PruneLogs(DateOnly oldestKept)
    {
        if (!Directory.Exists(paths.LogsDir))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(paths.LogsDir, FileLoggerProvider.FilePrefix + "*" + FileLoggerProvider.FileSuffix))
        {
            var name = Path.GetFileName(file);
            var date = name[FileLoggerProvider.FilePrefix.Length..^FileLoggerProvider.FileSuffix.Length];
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day < oldestKept)
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }
}
