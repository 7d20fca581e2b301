using System.Collections.Concurrent;
using System.Threading.Channels;

namespace WatchState.Webhooks;

/// <summary>
/// Wakes the webhook worker when a webhook is stored, or when writes were queued that should go out now (a user
/// marked an item in the UI or the API); many wake-ups before it runs count as one.
/// </summary>
public sealed class WebhookSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, byte> _pushRequested = new(StringComparer.Ordinal);

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Queued writes of <paramref name="identity"/> should be sent at once, with that identity's tokens.</summary>
    public void RequestPush(string identity)
    {
        _pushRequested[identity] = 0;
        Notify();
    }

    /// <summary>The identities a push was requested for since the last call (and clears those requests).</summary>
    public IReadOnlyCollection<string> TakePushRequests()
    {
        var taken = new List<string>();
        foreach (var identity in _pushRequested.Keys)
        {
            if (_pushRequested.TryRemove(identity, out _))
            {
                taken.Add(identity);
            }
        }

        return taken;
    }

    /// <summary>Waits for a wake-up or until <paramref name="timeout"/> passes, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wake = _channel.Reader.WaitToReadAsync(stop.Token).AsTask();
        var delay = Task.Delay(timeout, clock, stop.Token);
        await Task.WhenAny(wake, delay);
        await stop.CancelAsync();
        _channel.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
