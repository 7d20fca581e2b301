using System.Net.WebSockets;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Reads whole text messages off the web socket into one reused buffer that grows up to
/// <see cref="MediaBrowserLiveEvents.MaxMessageBytes"/>; a larger message is skipped, not fatal.
/// </summary>
internal sealed partial class FrameReader(WebSocket socket, string backend, ILogger logger)
{
    private byte[] _buffer = new byte[16 * 1024];

    /// <summary>Why the server closed, once <see cref="NextAsync"/> returned null.</summary>
    public string CloseReason { get; private set; } = "no reason given";

    /// <summary>The next message, valid until the next call; null once the server closed the connection.</summary>
    /// <exception cref="MediaBrowserException">The connection dropped.</exception>
    public async Task<ReadOnlyMemory<byte>?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var length = 0;
            var tooBig = false;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == _buffer.Length)
                {
                    if (_buffer.Length >= MediaBrowserLiveEvents.MaxMessageBytes)
                    {
                        tooBig = true;
                        length = 0;
                    }
                    else
                    {
                        Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MediaBrowserLiveEvents.MaxMessageBytes));
                    }
                }

                result = await ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(cancellationToken);
                    return null;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (!tooBig)
            {
                return _buffer.AsMemory(0, length);
            }

            LogTooBig(logger, backend, MediaBrowserLiveEvents.MaxMessageBytes);
        }
    }

    private async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> into, CancellationToken cancellationToken)
    {
        try
        {
            return await socket.ReceiveAsync(into, cancellationToken);
        }
        catch (WebSocketException e)
        {
            // Stopping aborts the socket (a cancelled send does too): that is the stop, not a drop.
            cancellationToken.ThrowIfCancellationRequested();
            throw new MediaBrowserException(backend, $"live events: the web socket dropped: {e.Message}", null, e);
        }
    }

    /// <summary>Answers the server's close so it ends cleanly; a failure here changes nothing.</summary>
    private async Task CloseAsync(CancellationToken cancellationToken)
    {
        CloseReason = $"{socket.CloseStatus?.ToString() ?? "no status"}: {socket.CloseStatusDescription ?? "no reason given"}";
        try
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, grace.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "live events of {Backend}: skipped a web socket message larger than {Max} bytes")]
    private static partial void LogTooBig(ILogger logger, string backend, int max);
}
