using WatchState.Configuration;
using WatchState.Sync;

namespace WatchState.Scheduling;

/// <summary>The <c>import</c> task: <c>state:import</c> for every configured backend of every identity.</summary>
public sealed class ImportTask(IdentitySweep identities, AppSettings settings, Importer importer) : IScheduledTask
{
    public string Name => "import";

    public string Description => "Import play state from every backend, for every identity";

    public Task<string> RunAsync(CancellationToken cancellationToken) => identities.RunAsync(ImportAsync, cancellationToken);

    private async Task<string> ImportAsync(string identity, IReadOnlyList<BackendConfig> backends, CancellationToken cancellationToken)
    {
        if (backends.Count == 0)
        {
            return "no backends configured";
        }

        var request = ImportDefaults.Request(backends, settings) with { Identity = identity };
        var results = await importer.RunAsync(request, SilentImportProgress.Instance, cancellationToken);
        var summary = string.Join("; ", results.Select(r => r.Succeeded
            ? $"{r.Backend}: {r.Counts.Added} added, {r.Counts.Updated} updated, {r.Counts.Unchanged} unchanged{Notes(r)}"
            : $"{r.Backend}: {r.Error}"));
        return results.All(r => r.Succeeded) ? summary : throw new TaskFailedException(summary);
    }

    // Skipped and ignored libraries and other warnings, so the run's record shows them as the CLI summary does.
    private static string Notes(BackendImportResult result) =>
        result.Warnings.Count == 0 ? string.Empty : $" ({string.Join("; ", result.Warnings)})";
}
