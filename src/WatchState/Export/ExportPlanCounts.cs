namespace WatchState.Export;

/// <summary>What planning found per backend besides the writes: items it does not have, items it is the source of.</summary>
public sealed class ExportPlanCounts
{
    private readonly Dictionary<string, int> _missing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _writes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ignored = new(StringComparer.Ordinal);

    public int Items { get; internal set; }

    public IReadOnlyDictionary<string, int> Missing => _missing;

    public IReadOnlyDictionary<string, int> Writes => _writes;

    /// <summary>Per backend, the items an ignore rule (<c>item://BACKEND?id=ITEM</c>) keeps out of export.</summary>
    public IReadOnlyDictionary<string, int> Ignored => _ignored;

    internal void AddMissing(string backend) => _missing[backend] = _missing.GetValueOrDefault(backend) + 1;

    internal void AddIgnored(string backend) => _ignored[backend] = _ignored.GetValueOrDefault(backend) + 1;

    internal void AddWrite(string backend) => _writes[backend] = _writes.GetValueOrDefault(backend) + 1;
}
