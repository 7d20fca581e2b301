namespace WatchState.Live;

/// <summary>
/// Waits between reconnects: 1 s, doubling to a minute. A server that restarts is back within seconds, and one
/// that stays down is not hammered.
/// </summary>
public sealed class LiveBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(1);

    public TimeSpan Next { get; private set; } = First;

    /// <summary>The wait before the next attempt; each call doubles the following one.</summary>
    public TimeSpan Take()
    {
        var wait = Next;
        Next = TimeSpan.FromTicks(Math.Min(Max.Ticks, Next.Ticks * 2));
        return wait;
    }

    /// <summary>A connection that opened resets the wait.</summary>
    public void Reset() => Next = First;
}
