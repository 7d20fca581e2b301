namespace WatchState.Export;

/// <summary>What export planning needs to know beyond the items: which backends, since when, and the progress rules.</summary>
public sealed record ExportPlanOptions
{
    /// <summary>The backends to plan writes for (export enabled and selected).</summary>
    public required IReadOnlySet<string> Backends { get; init; }

    /// <summary>
    /// Per backend, the time of its last export in which every write succeeded; only items or views changed after it
    /// are planned. A backend missing here (or <c>--force-full</c>) plans every item.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Since { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>Resume positions below this are not pushed (<c>WS_PROGRESS_MINIMUM</c>).</summary>
    public long MinProgressMs { get; init; } = 60_000;

    /// <summary>
    /// Rewatch progress on played items (<c>WS_PROGRESS_THRESHOLD</c>): a played item's resume point is pushed only
    /// when it was set at least this long after the play date the target backend holds. Zero turns it off.
    /// </summary>
    public TimeSpan ProgressThreshold { get; init; }

    /// <summary>Positions closer than this are the same (Plex keeps seconds on some paths).</summary>
    public long ProgressToleranceMs { get; init; } = 1_000;
}
