using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// One client's web socket: announces <c>ForceKeepAlive</c>, answers <c>KeepAlive</c>, and after
/// <c>SessionsStart</c> sends the sessions it may see every interval and whenever one starts, moves or stops.
/// </summary>
internal sealed class SocketConnection(WebSocket socket, Principal principal, SimServer server, SocketHub hub) : IDisposable
{
    private const int MaxInbound = 64 * 1024;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Channel<bool> _sessionsChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private CancellationTokenSource? _sessionsStop;
    private Task _sessions = Task.CompletedTask;

    /// <summary>An API key acts for every user; a user's token only for that user.</summary>
    public bool Sees(string userId) =>
        principal.User is null || string.Equals(principal.User.Id, userId, StringComparison.OrdinalIgnoreCase);

    public void Dispose()
    {
        _sendGate.Dispose();
        _sessionsStop?.Dispose();
    }

    public void SessionsChanged() => _sessionsChanged.Writer.TryWrite(true);

    public async Task RunAsync(TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        try
        {
            var seconds = (int)Math.Max(1, keepAlive.TotalSeconds);
            await SendAsync(SocketMessages.Build(server, "ForceKeepAlive", w => w.WriteNumberValue(seconds)), cancellationToken);
            await ReceiveLoopAsync(cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: nothing to answer.
        }
        finally
        {
            await StopSessionsAsync();
        }
    }

    public async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Ends the connection the way a restarting server does: a close frame, then the socket is gone.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "server restarting", cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxInbound];
        while (socket.State == WebSocketState.Open)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken);
                    return;
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseOutputAsync(cancellationToken);
                return;
            }

            await HandleAsync(buffer.AsMemory(0, length), cancellationToken);
        }
    }

    private async Task CloseOutputAsync(CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        string? type;
        string? data;
        try
        {
            using var doc = JsonDocument.Parse(message);
            type = doc.RootElement.TryGetProperty("MessageType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            data = doc.RootElement.TryGetProperty("Data", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        }
        catch (JsonException)
        {
            // Like the real server: a frame it cannot read is dropped, the connection stays.
            return;
        }

        switch (type)
        {
            case "KeepAlive":
                hub.KeepAliveReceived();
                await SendAsync(SocketMessages.Build(server, "KeepAlive", null), cancellationToken);
                break;
            case "SessionsStart":
                await StopSessionsAsync();
                var (delay, interval) = ParseStart(data);
                _sessionsStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var stop = _sessionsStop.Token;
                _sessions = Task.Run(() => SessionsLoopAsync(delay, interval, stop), CancellationToken.None);
                break;
            case "SessionsStop":
                await StopSessionsAsync();
                break;
            default:
                break;
        }
    }

    /// <summary>"initial delay ms,interval ms", e.g. "0,1500".</summary>
    private static (TimeSpan Delay, TimeSpan Interval) ParseStart(string? data)
    {
        var parts = (data ?? string.Empty).Split(',');
        var delay = parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0;
        var interval = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 1500;
        return (TimeSpan.FromMilliseconds(delay), TimeSpan.FromMilliseconds(Math.Max(100, interval)));
    }

    private async Task SessionsLoopAsync(TimeSpan delay, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, server.TimeProvider, cancellationToken);
            }

            var changed = true;
            while (!cancellationToken.IsCancellationRequested)
            {
                var visible = SessionEndpoints.Visible(server, principal);
                if (changed || visible.Count > 0)
                {
                    await SendAsync(SocketMessages.Build(server, "Sessions", w => SessionEndpoints.WriteAll(w, server, visible)), cancellationToken);
                    hub.SessionsMessageSent();
                }

                changed = await WaitForChangeAsync(interval, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped by SessionsStop, by the client leaving, or by the server closing.
        }
    }

    /// <summary>True when a session changed before the interval ran out.</summary>
    private async Task<bool> WaitForChangeAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(interval, server.TimeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _sessionsChanged.Reader.ReadAsync(either.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task StopSessionsAsync()
    {
        if (_sessionsStop is { } stop)
        {
            await stop.CancelAsync();
            await _sessions;
            stop.Dispose();
            _sessionsStop = null;
        }
    }
}
