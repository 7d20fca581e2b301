namespace WatchState.Simulator;

/// <summary>
/// Misbehaviour a running simulator can be told to show, so clients can be tested against slow, failing or broken
/// servers. Changes apply to the next request. Thread-safe.
/// </summary>
public sealed class SimulatorFaults
{
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
