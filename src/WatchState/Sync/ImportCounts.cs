namespace WatchState.Sync;

/// <summary>What an import did with the items of one backend.</summary>
public sealed class ImportCounts
{
    /// <summary>New local items created from this backend.</summary>
    public int Added { get; set; }

    /// <summary>Existing items whose play state changed.</summary>
    public int Updated { get; set; }

    /// <summary>Items whose backend view was recorded or changed while the local state stayed as it was.</summary>
    public int Matched { get; set; }

    /// <summary>Items exactly as the backend reported them last time: nothing written.</summary>
    public int Unchanged { get; set; }

    /// <summary>Changes the rules refused (each one is in the item's history with its reason).</summary>
    public int Refused { get; set; }

    /// <summary>Conflicting matching keys recorded.</summary>
    public int Conflicts { get; set; }

    public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    public int SkippedTotal => Skipped.Values.Sum();

    public int Seen => Added + Updated + Matched + Unchanged + SkippedTotal;

    public void Skip(string reason, int count = 1)
    {
        Skipped[reason] = Skipped.GetValueOrDefault(reason) + count;
    }
}
