using System.Text.RegularExpressions;
using WatchState.Configuration;

namespace WatchState.Backup;

/// <summary>
/// Deletes dated backups (<c>{backend}.{yyyyMMdd}.json[.gz]</c>) last written more than <c>WS_BACKUP_KEEP_DAYS</c>
/// ago, one identity's folder at a time. Undated files (a kept <c>{backend}.json</c>) and anything else in the
/// folder are left alone.
/// </summary>
public sealed partial class BackupPruner(DataPaths paths, AppSettings settings, TimeProvider clock)
{
    /// <summary>Prunes <c>main</c>'s backups.</summary>
    /// <returns>How many files were deleted.</returns>
    public int Prune() => Prune(Identities.IdentityFiles.Main);

    /// <summary>
    /// Prunes the folder of <paramref name="identity"/> only (main's folder without its <c>users/</c> sub-folders),
    /// so an identity whose backup failed keeps its old files.
    /// </summary>
    /// <returns>How many files were deleted.</returns>
    public int Prune(string identity)
    {
        var folder = BackupWriter.Folder(paths, identity);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var oldestKept = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(settings.BackupKeepDays);
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
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
