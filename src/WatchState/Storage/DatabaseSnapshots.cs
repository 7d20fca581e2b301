using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WatchState.Storage;

/// <summary>
/// Copies of the whole local database taken with SQLite's online backup (consistent while the server keeps
/// writing), kept in <c>db/snapshots/</c>. A rollback copies a snapshot back the same way, after snapshotting the
/// current state first, so a rollback can itself be undone.
/// </summary>
public sealed class DatabaseSnapshots(Database database, TimeProvider clock)
{
    /// <summary>How many snapshots are kept; the oldest beyond this are deleted after each new one.</summary>
    public const int Keep = 10;

    private const string Prefix = "watchstate.";
    private const string Extension = ".db";

    public string Directory => Path.Combine(Path.GetDirectoryName(database.DatabaseFile)!, "snapshots");

    /// <summary>Snapshots the database now. <paramref name="reason"/> becomes part of the file name.</summary>
    public async Task<SnapshotInfo> CreateAsync(string reason, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var at = clock.GetUtcNow();
        var name = $"{Prefix}{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}.{Slug(reason)}{Extension}";
        var path = Path.Combine(Directory, name);
        var partial = path + ".partial";

        await using (var source = await database.OpenAsync(cancellationToken))
        {
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);

            // The copy carries the live database's WAL flag; a snapshot is a single self-contained file.
            await using var command = target.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // A snapshot that is half written must never be picked as the latest: it appears under its name only whole.
        File.Move(partial, path, overwrite: true);
        Prune();
        return Describe(path);
    }

    /// <summary>Every snapshot, newest first.</summary>
    public IReadOnlyList<SnapshotInfo> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFiles(Directory, Prefix + "*" + Extension)
            .Select(Describe)
            .OrderByDescending(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>The snapshot called <paramref name="name"/>, or the newest when null; null when there is none.</summary>
    public SnapshotInfo? Find(string? name)
    {
        var all = List();
        return name is null
            ? (all.Count > 0 ? all[0] : null)
            : all.FirstOrDefault(s => s.Name == name || s.Name == Prefix + name + Extension);
    }

    /// <summary>
    /// Replaces the database's content with <paramref name="snapshot"/>'s. The current state is snapshotted first
    /// (reason <c>before-rollback</c>) and that snapshot is returned.
    /// </summary>
    public async Task<SnapshotInfo> RollbackAsync(SnapshotInfo snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var before = await CreateAsync("before-rollback", cancellationToken);
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = snapshot.Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await source.OpenAsync(cancellationToken);
        await using var target = await database.OpenAsync(cancellationToken);
        source.BackupDatabase(target);
        return before;
    }

    private void Prune()
    {
        foreach (var old in List().Skip(Keep))
        {
            File.Delete(old.Path);
        }
    }

    private static SnapshotInfo Describe(string path)
    {
        var file = new FileInfo(path);
        return new SnapshotInfo(file.Name, file.FullName, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
    }

    private static string Slug(string reason)
    {
        var slug = new string([.. reason.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return slug.Length == 0 ? "manual" : slug;
    }
}

/// <summary>One snapshot file: its name (what <c>state:rollback NAME</c> takes), where it is, its size and time.</summary>
public sealed record SnapshotInfo(string Name, string Path, long Bytes, DateTimeOffset WrittenAt);
