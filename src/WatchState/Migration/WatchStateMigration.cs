using Microsoft.Data.Sqlite;
using WatchState.Configuration;
using WatchState.Identities;
using WatchState.Ignoring;
using WatchState.Storage;

namespace WatchState.Migration;

/// <summary>How <c>migrate:watchstate</c> runs.</summary>
/// <param name="DryRun">Read and map everything, write nothing (the database work happens in a scratch copy).</param>
/// <param name="Force">Replace what the target already holds for the migrated identities instead of refusing.</param>
public sealed record MigrationOptions(bool DryRun, bool Force);

/// <summary>
/// Brings a WatchState (PHP) installation over: backends and identities, settings, mapper.yaml, ignore rules and
/// every identity's play state with its per-backend ids. All or nothing: the database work is one transaction,
/// committed only after every configuration file was written (atomically); any failure rolls the database back
/// and puts the files back as they were.
/// </summary>
public sealed class WatchStateMigration(DataPaths paths, Database database, IdentityFiles identities, IgnoreFile ignoreFile, TimeProvider clock)
{
    /// <summary>Progress lines are written every this many rows.</summary>
    public const int ProgressEvery = 10_000;

    /// <exception cref="ConfigException">
    /// The source is not a WatchState directory, one of its files is broken, or the target is not empty (without --force).
    /// </exception>
    public async Task<MigrationReport> RunAsync(
        string source, MigrationOptions options, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layout = WatchStateLayout.Open(source);
        var report = new MigrationReport { Source = layout.Root, DryRun = options.DryRun };
        var (planned, files) = await new ConfigMigrator(paths, identities, ignoreFile).PlanAsync(layout, report, cancellationToken);
        if (!options.Force)
        {
            await EnsureEmptyTargetAsync(planned, files, cancellationToken);
        }

        var scratch = options.DryRun ? Path.Combine(Path.GetTempPath(), $"watchstate-migrate-{Guid.NewGuid():N}.db") : null;
        try
        {
            var target = scratch is null ? database : new Database(scratch);
            await using var connection = await target.OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await MigrateStateAsync(layout, planned, connection, transaction, options, report, progress, cancellationToken);
            if (!options.DryRun)
            {
                await WriteFilesThenCommitAsync(files, transaction, cancellationToken);
            }
        }
        finally
        {
            if (scratch is not null)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { scratch, scratch + "-wal", scratch + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }

        return report;
    }

    private async Task MigrateStateAsync(
        WatchStateLayout layout,
        IReadOnlyList<PlannedIdentity> planned,
        SqliteConnection connection,
        SqliteTransaction transaction,
        MigrationOptions options,
        MigrationReport report,
        Action<string>? progress,
        CancellationToken cancellationToken)
    {
        var problems = new RowProblems();
        var migrator = new StateMigrator(connection, transaction, clock.GetUtcNow());
        foreach (var identity in planned)
        {
            if (options.Force)
            {
                await IdentityPurge.PurgeAsync(connection, transaction, identity.Name, dryRun: false, cancellationToken);
            }

            var counts = new IdentityMigration { Name = identity.Name, Database = identity.Database is null ? null : layout.Display(identity.Database) };
            counts.Backends.AddRange(identity.Backends.Select(b => b.Name));
            report.Identities.Add(counts);
            if (identity.Database is null)
            {
                report.Problem("identity", $"users/{identity.Name}: no database (watchstate_v02.db, user_v01.db, user.db): backends only, no play state", identity.Name);
                continue;
            }

            await using var source = await StateRowReader.OpenAsync(identity.Database, counts.Database!, cancellationToken);
            var total = await StateRowReader.CountAsync(source, cancellationToken);
            var next = (long)ProgressEvery;
            progress?.Invoke($"{identity.Name}: reading {total} rows from {counts.Database}");
            await migrator.MigrateAsync(identity.Name, counts.Backends, source, counts, problems, rows =>
            {
                if (rows >= next)
                {
                    next = (rows / ProgressEvery + 1) * ProgressEvery;
                    progress?.Invoke($"{identity.Name}: {rows}/{total} rows");
                }
            }, cancellationToken);
        }

        report.Problems.AddRange(problems.ToProblems());
    }

    /// <summary>
    /// Writes the files (each atomically), then commits. Anything failing on the way rolls the database back (the
    /// transaction is disposed uncommitted) and restores every file already written.
    /// </summary>
    private static async Task WriteFilesThenCommitAsync(IReadOnlyList<PlannedFile> files, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var written = new List<(PlannedFile File, string? Before)>();
        try
        {
            foreach (var file in files)
            {
                var before = File.Exists(file.Path) ? await File.ReadAllTextAsync(file.Path, cancellationToken) : null;
                await WriteAsync(file, file.Content, cancellationToken);
                written.Add((file, before));
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            foreach (var (file, before) in Enumerable.Reverse(written))
            {
                if (before is null)
                {
                    File.Delete(file.Path);
                }
                else
                {
                    await WriteAsync(file, before, CancellationToken.None);
                }
            }

            throw;
        }
    }

    private static async Task WriteAsync(PlannedFile file, string content, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAllTextAsync(file.Path, content, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(file.Display, null, $"cannot be written: {e.Message}", e);
        }
    }

    /// <summary>Refuses a target that already has play state or any of the files the migration writes.</summary>
    private async Task EnsureEmptyTargetAsync(IReadOnlyList<PlannedIdentity> planned, IReadOnlyList<PlannedFile> files, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        foreach (var file in files.Where(f => File.Exists(f.Path) && f.Path != paths.EnvFile))
        {
            reasons.Add($"{file.Display} exists");
        }

        if (await ItemCountAsync(cancellationToken) is > 0 and var items)
        {
            reasons.Add($"{paths.Display(paths.DatabaseFile)} holds {items} items");
        }

        if (reasons.Count > 0)
        {
            throw new ConfigException(
                $"the target {paths.Root} is not empty ({string.Join("; ", reasons)}): migrate into a fresh data directory (WS_DATA_PATH), "
                + $"or add --force to replace the backends and play state of {string.Join(", ", planned.Select(p => p.Name))}");
        }
    }

    /// <summary>Items in our database, read without creating or migrating it.</summary>
    private async Task<long> ItemCountAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.DatabaseFile))
        {
            return 0;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = paths.DatabaseFile,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'items'";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT count(*) FROM items";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
