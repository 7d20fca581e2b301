using WatchState.Configuration;

namespace WatchState.Sync;

/// <summary>One import run: which backends, and how.</summary>
public sealed record ImportRequest(IReadOnlyList<BackendConfig> Backends)
{
    public string Identity { get; init; } = "main";

    /// <summary>Do everything but keep nothing: the database is left as it was.</summary>
    public bool DryRun { get; init; }

    /// <summary>Ignore the saved import cursor and read every item.</summary>
    public bool ForceFull { get; init; }

    /// <summary>Record which remote item is which local item, but change no play state.</summary>
    public bool MetadataOnly { get; init; }

    /// <summary>WS_CLIENTS_JELLYFIN_FIX_PLAYED: trust Jellyfin's "played" without a date as played now.</summary>
    public bool JellyfinFixPlayed { get; init; }
}

/// <summary>The outcome for one backend.</summary>
public sealed record BackendImportResult(string Backend, ImportCounts Counts, string? Error, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Error is null;
}

/// <summary>Receives progress while an import runs (a progress bar, or log lines).</summary>
public interface IImportProgress
{
    void BackendStarted(string backend);

    void LibraryStarted(string backend, string library, int total);

    void PageImported(string backend, string library, int done, int total);

    void BackendFinished(BackendImportResult result);
}
