namespace WatchState.Simulator;

/// <summary>
/// Misbehaviour a running simulator can be told to show, so clients can be tested against slow, failing or broken
/// servers. Changes apply to the next request. Thread-safe. The global switches below apply to every path; per-path
/// <see cref="FaultRule"/>s (<see cref="Add(FaultRule)"/>) are played first, the first matching rule only.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _rulesLock = new();
    private FaultRule[] _rules = [];
    private int _failNextRequests;
    private int _failStatus = 503;
    private long _delayTicks;
    private volatile bool _garbage;
    private volatile bool _down;
    private volatile string _garbageBody = "{\"Items\":[{\"Name\":\"Trunc";

    /// <summary>That many requests answer <see cref="FailStatus"/> with an empty body, then the server recovers.</summary>
    public int FailNextRequests
    {
        get => Volatile.Read(ref _failNextRequests);
        set => Volatile.Write(ref _failNextRequests, value);
    }

    public int FailStatus
    {
        get => Volatile.Read(ref _failStatus);
        set => Volatile.Write(ref _failStatus, value);
    }

    /// <summary>Added before every answer.</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>Answer 200 with <see cref="GarbageBody"/> (not JSON) to everything.</summary>
    public bool Garbage
    {
        get => _garbage;
        set => _garbage = value;
    }

    /// <summary>The body sent while <see cref="Garbage"/> is on; by default truncated JSON.</summary>
    public string GarbageBody
    {
        get => _garbageBody;
        set => _garbageBody = value ?? string.Empty;
    }

    /// <summary>Abort every connection without answering.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>The per-path rules, in the order they are tried.</summary>
    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _rules);

    /// <summary>Adds a per-path rule (tried after the ones added before it) and returns it, to read its counts.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_rulesLock)
        {
            Volatile.Write(ref _rules, [.. _rules, rule]);
        }

        return rule;
    }

    /// <summary>Adds <paramref name="kind"/> on <paramref name="path"/>, for <paramref name="times"/> requests (null: until removed).</summary>
    public FaultRule Add(FaultKind kind, string path, int? times = null) => Add(new FaultRule(kind, path) { Times = times });

    public bool Remove(FaultRule rule)
    {
        lock (_rulesLock)
        {
            var left = _rules.Where(r => !ReferenceEquals(r, rule)).ToArray();
            var removed = left.Length != _rules.Length;
            Volatile.Write(ref _rules, left);
            return removed;
        }
    }

    /// <summary>Removes every per-path rule and turns the global switches off: the server behaves again.</summary>
    public void Clear()
    {
        lock (_rulesLock)
        {
            Volatile.Write(ref _rules, []);
        }

        FailNextRequests = 0;
        Delay = TimeSpan.Zero;
        Garbage = false;
        Down = false;
    }

    /// <summary>The first rule that matches and plays on this request, if any.</summary>
    internal FaultRule? Take(string method, string path, string query, Func<FaultRule, bool> applies)
    {
        foreach (var rule in Rules)
        {
            if (rule.Matches(method, path, query) && applies(rule) && rule.TryTake())
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>Takes one pending failure, if any.</summary>
    internal bool TryConsumeFailure()
    {
        while (true)
        {
            var pending = Volatile.Read(ref _failNextRequests);
            if (pending <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failNextRequests, pending - 1, pending) == pending)
            {
                return true;
            }
        }
    }
}
