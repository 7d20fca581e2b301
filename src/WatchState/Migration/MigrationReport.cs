namespace WatchState.Migration;

/// <summary>What <c>migrate:watchstate</c> brought over (or would, on a dry run) and what it could not map.</summary>
public sealed class MigrationReport
{
    /// <summary>How many example rows each reason keeps; the count is always complete.</summary>
    public const int ExamplesPerReason = 10;

    public required string Source { get; init; }

    public bool DryRun { get; init; }

    public List<IdentityMigration> Identities { get; } = [];

    /// <summary>The <c>.env</c> keys written to our <c>config/.env</c>.</summary>
    public List<string> Settings { get; } = [];

    public int IgnoreRules { get; set; }

    /// <summary>Whether <c>mapper.yaml</c> was copied.</summary>
    public bool Mapper { get; set; }

    /// <summary>Everything not brought over, with why.</summary>
    public List<MigrationProblem> Problems { get; } = [];

    public void Problem(string what, string detail, string? identity = null) =>
        Problems.Add(new MigrationProblem(what, identity, detail, 1, []));
}

/// <summary>One identity's counts.</summary>
public sealed class IdentityMigration
{
    public required string Name { get; init; }

    /// <summary>The WatchState database it was read from, relative to the WatchState directory; null when it had none.</summary>
    public string? Database { get; init; }

    public List<string> Backends { get; } = [];

    /// <summary>Rows in WatchState's state table.</summary>
    public long Rows { get; set; }

    /// <summary>Items created here.</summary>
    public long Items { get; set; }

    /// <summary>Per-backend ids (backend views) brought over, by backend.</summary>
    public SortedDictionary<string, long> Views { get; } = new(StringComparer.Ordinal);

    public long Played { get; set; }

    public long InProgress { get; set; }

    /// <summary>Rows that became part of an earlier row's item because they share an id with it.</summary>
    public long Merged { get; set; }

    /// <summary>Rows not brought over.</summary>
    public long Skipped { get; set; }
}

/// <summary>
/// Something not brought over: <c>What</c> is the kind (<c>row</c>, <c>backend</c>, <c>ignore</c>, <c>env</c>,
/// <c>mapper</c>, <c>identity</c>), <c>Detail</c> the reason; for rows, <c>Count</c> rows had that reason and
/// <c>Examples</c> names the first few (WatchState row id and title).
/// </summary>
public sealed record MigrationProblem(string What, string? Identity, string Detail, long Count, IReadOnlyList<string> Examples);
