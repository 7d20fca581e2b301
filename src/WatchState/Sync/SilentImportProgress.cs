namespace WatchState.Sync;

/// <summary>For imports nobody watches (the scheduler, a quiet restore, benchmarks and tests).</summary>
public sealed class SilentImportProgress : IImportProgress
{
    public static SilentImportProgress Instance { get; } = new();

    private SilentImportProgress()
    {
    }

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
