using WatchState.Configuration;
using WatchState.Sync;

namespace WatchState.Scheduling;

/// <summary>The <c>import</c> task: <c>state:import</c> for every configured backend.</summary>
public sealed class ImportTask(ServersFile servers, AppSettings settings, Importer importer) : IScheduledTask
{
    public string Name => "import";

    public string Description => "Import play state from every backend";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var backends = await servers.LoadAsync(cancellationToken);
        if (backends.Count == 0)
        {
            return "no backends configured";
        }

        var request = ImportDefaults.Request(backends, settings);
        var results = await importer.RunAsync(request, SilentProgress.Instance, cancellationToken);
        var summary = string.Join("; ", results.Select(r => r.Succeeded
            ? $"{r.Backend}: {r.Counts.Added} added, {r.Counts.Updated} updated, {r.Counts.Unchanged} unchanged{Notes(r)}"
            : $"{r.Backend}: {r.Error}"));
        return results.All(r => r.Succeeded) ? summary : throw new TaskFailedException(summary);
    }

    // Skipped and ignored libraries and other warnings, so the run's record shows them as the CLI summary does.
    private static string Notes(BackendImportResult result) =>
        result.Warnings.Count == 0 ? string.Empty : $" ({string.Join("; ", result.Warnings)})";

    private sealed class SilentProgress : IImportProgress
    {
        public static readonly SilentProgress Instance = new();

        public void BackendStarted(string backend)
        {
        }

        public void LibraryStarted(string backend, string library, int total)
        {
        }

        public void PageImported(string backend, string library, int done, int total)
        {
        }

        public void BackendFinished(BackendImportResult result)
        {
        }
    }
}
