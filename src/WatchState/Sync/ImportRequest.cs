using Cronos;
using WatchState.Backends;
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

    /// <summary>WS_CRON_IMPORT_FULL_AT: when a full import is due; null: only when forced or first.</summary>
    public CronExpression? FullSchedule { get; init; }

    /// <summary>WS_TZ: the zone <see cref="FullSchedule"/> is read in and modes are shown in.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Record which remote item is which local item, but change no play state.</summary>
    public bool MetadataOnly { get; init; }

    /// <summary>WS_CLIENTS_JELLYFIN_FIX_PLAYED: trust Jellyfin's "played" without a date as played now.</summary>
    public bool JellyfinFixPlayed { get; init; }

    /// <summary>WS_PROGRESS_MINIMUM: resume positions shorter than this are noise, never taken.</summary>
    public long MinProgressMs { get; init; } = 60_000;
}

/// <summary>The outcome for one backend.</summary>
public sealed record BackendImportResult(string Backend, ImportCounts Counts, string? Error, IReadOnlyList<string> Warnings)
{
    /// <summary>How the backend was read; null when it failed before that was decided.</summary>
    public ImportMode? Mode { get; init; }

    /// <summary><see cref="Mode"/> as text, such as "incremental since 2026-11-24 10:00", or "-".</summary>
    public string ModeText { get; init; } = "-";

    public bool Succeeded => Error is null;
}

/// <summary>Receives progress while an import runs (a progress bar, or log lines).</summary>
public interface IImportProgress
{
    void BackendStarted(string backend);

    /// <summary>The backend will be read fully or only for changes (<paramref name="mode"/> as shown to users).</summary>
    void ModeChosen(string backend, string mode)
    {
    }

    void LibraryStarted(string backend, string library, int total);

    /// <summary>A page as the server listed it, before it is applied (a restore indexes the listing from here).</summary>
    void PageRead(string backend, ItemPage page)
    {
    }

    void PageImported(string backend, string library, int done, int total);

    void BackendFinished(BackendImportResult result);
}
