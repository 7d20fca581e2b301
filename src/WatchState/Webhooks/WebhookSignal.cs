using System.Threading.Channels;

namespace WatchState.Webhooks;

/// <summary>
/// Wakes the webhook worker when a webhook is stored, or when writes were queued that should go out now (a user
/// marked an item in the UI or the API); many wake-ups before it runs count as one.
/// </summary>
public sealed class WebhookSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _pushRequested;

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Queued writes should be sent at once rather than at the next export.</summary>
    public void RequestPush()
    {
        Interlocked.Exchange(ref _pushRequested, 1);
        Notify();
    }

    /// <summary>Whether a push was requested since the last call (and clears the request).</summary>
    public bool TakePushRequest() => Interlocked.Exchange(ref _pushRequested, 0) == 1;

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
