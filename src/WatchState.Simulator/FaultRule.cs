namespace WatchState.Simulator;

/// <summary>
/// One injected misbehaviour for the requests it matches: a path pattern (a case-insensitive prefix of segments,
/// <c>*</c> standing for any one segment, e.g. <c>/Users/*/Items</c>), optionally a method and a query substring.
/// Counts what it matched and played, so tests can assert bounded retries. Thread-safe.
/// </summary>
public sealed class FaultRule
{
    private readonly string[] _segments;
    private int _matched;
    private int _hits;

    public FaultRule(FaultKind kind, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Kind = kind;
        Path = path;
        _segments = Split(path);
    }

    public FaultKind Kind { get; }

    public string Path { get; }

    /// <summary>Only this method (GET, POST, …); null: any.</summary>
    public string? Method { get; init; }

    /// <summary>Only requests whose query string contains this (case-insensitive); null: any.</summary>
    public string? Query { get; init; }

    /// <summary>For <see cref="FaultKind.Status"/>.</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>For <see cref="FaultKind.Delay"/>.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>For <see cref="FaultKind.WrongTotalCount"/> (added to the total) and <see cref="FaultKind.PageChanges"/> (items removed).</summary>
    public int Offset { get; init; } = 1;

    /// <summary>Plays on that many requests, then the path recovers; null: until removed.</summary>
    public int? Times { get; init; }

    /// <summary>Lets that many matching requests through before playing (e.g. 1: the second page fails).</summary>
    public int Skip { get; init; }

    /// <summary>Requests that matched the rule so far, played or not.</summary>
    public int Matched => Volatile.Read(ref _matched);

    /// <summary>Requests the fault was played on so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    public override string ToString() =>
        $"{Kind} {Method ?? "*"} {Path}{(Query is null ? "" : "?…" + Query)}{(Times is { } t ? $" x{t}" : "")}";

    internal bool Matches(string method, string path, string query)
    {
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Query is not null && !query.Contains(Query, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var segments = Split(path);
        if (segments.Length < _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] != "*" && !string.Equals(_segments[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Counts a match and says whether the fault plays on it (after <see cref="Skip"/>, within <see cref="Times"/>).</summary>
    internal bool TryTake()
    {
        var matched = Interlocked.Increment(ref _matched);
        if (matched <= Skip)
        {
            return false;
        }

        while (true)
        {
            var hits = Volatile.Read(ref _hits);
            if (Times is { } times && hits >= times)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _hits, hits + 1, hits) == hits)
            {
                return true;
            }
        }
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
