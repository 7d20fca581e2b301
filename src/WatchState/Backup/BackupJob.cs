using System.Globalization;
using WatchState.Configuration;

namespace WatchState.Backup;

/// <summary>What a backup run did: one result per backend, and how many old backups were pruned after it.</summary>
public sealed record BackupOutcome(IReadOnlyList<BackupResult> Results, int Pruned)
{
    public string Identity { get; init; } = Identities.IdentityFiles.Main;
}

/// <summary>
/// A backup run as <c>state:backup</c> and the <c>backup</c> task do it: each backend in turn, then (only when all
/// were written) the identity's old dated backups are pruned, so a failing backup never costs the last good ones.
/// </summary>
public sealed class BackupJob(BackupWriter writer, BackupPruner pruner, DataPaths paths)
{
    /// <summary>Backs up <c>main</c>.</summary>
    public Task<BackupOutcome> RunAsync(IReadOnlyList<string> backends, bool compress, bool dryRun, CancellationToken cancellationToken) =>
        RunAsync(Identities.IdentityFiles.Main, backends, compress, dryRun, cancellationToken);

    /// <summary>Backs up <paramref name="identity"/>'s view of each backend, then prunes that identity's old backups.</summary>
    public async Task<BackupOutcome> RunAsync(
        string identity, IReadOnlyList<string> backends, bool compress, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backends);
        List<BackupResult> results = [];
        foreach (var backend in backends)
        {
            results.Add(await writer.WriteAsync(identity, backend, compress, dryRun, cancellationToken));
        }

        return new BackupOutcome(results, dryRun ? 0 : pruner.Prune(identity)) { Identity = identity };
    }

    /// <summary>One line per backend: <c>jf: 120 item(s) to backup/jf.20260101.json.gz (3,210 bytes)</c>.</summary>
    public string Describe(BackupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.File is null
            ? string.Create(CultureInfo.InvariantCulture, $"{result.Backend}: {result.Items} item(s) would be written")
            : string.Create(CultureInfo.InvariantCulture, $"{result.Backend}: {result.Items} item(s) to {paths.Display(result.File)} ({result.Bytes:N0} bytes)");
    }
}
