using WatchState.Configuration;

namespace WatchState.Export;

/// <summary>One export run: which backends (export enabled and selected), and how.</summary>
public sealed record ExportRequest(IReadOnlyList<BackendConfig> Backends)
{
    public string Identity { get; init; } = "main";

    /// <summary>Ignore the export cursors and compare every item.</summary>
    public bool ForceFull { get; init; }

    /// <summary>Plan only this item (an explicit <c>history:watch</c>); null for every item.</summary>
    public long? ItemId { get; init; }

    public long MinProgressMs { get; init; } = 60_000;

    public TimeSpan ProgressThreshold { get; init; }
}

/// <summary>What a run plans to write, and what it found besides.</summary>
/// <param name="StartedAt">When planning began: the cursor value a fully successful run records.</param>
public sealed record ExportPlan(IReadOnlyList<PlannedWrite> Writes, ExportPlanCounts Counts, DateTimeOffset StartedAt);
