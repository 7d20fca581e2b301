using System.Text.RegularExpressions;
using WatchState.Configuration;

namespace WatchState.Backup;

/// <summary>
/// Deletes dated backups (<c>{backend}.{yyyyMMdd}.json[.gz]</c>) last written more than <c>WS_BACKUP_KEEP_DAYS</c>
/// ago. Undated files (a kept <c>{backend}.json</c>) and anything else in the folder are left alone.
/// </summary>
public sealed partial class BackupPruner(DataPaths paths, AppSettings settings, TimeProvider clock)
{
    /// <returns>How many files were deleted.</returns>
    public int Prune()
    {
        if (!Directory.Exists(paths.BackupDir))
        {
            return 0;
        }

        var oldestKept = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(settings.BackupKeepDays);
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(paths.BackupDir))
        {
            if (DatedBackup().IsMatch(Path.GetFileName(file)) && File.GetLastWriteTimeUtc(file) < oldestKept)
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }

    [GeneratedRegex(@"^[^.].*\.\d{8}\.json(\.gz|\.zip)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatedBackup();
}
