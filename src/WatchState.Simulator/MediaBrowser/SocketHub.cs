using System.Collections.Concurrent;
using System.Threading.Channels;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// Every open web socket of one simulated server. Saved user data becomes <c>UserDataChanged</c> messages, batched
/// per user as the real server's notifier does (changes that arrive together go out in one message).
/// </summary>
internal sealed class SocketHub : IAsyncDisposable
{
    private readonly SimServer _server;
    private readonly ConcurrentDictionary<SocketConnection, byte> _connections = new();
    private readonly Channel<(string User, string Item)> _changes = Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private int _keepAlives;
    private int _sessionsSent;
    private int _disposed;

    public SocketHub(SimServer server)
    {
        _server = server;
        server.UserData.Changed += (user, item) => _changes.Writer.TryWrite((user, item));
        server.Sessions.Changed += () =>
        {
            foreach (var connection in _connections.Keys)
            {
                connection.SessionsChanged();
            }
        };
        _pump = Task.Run(() => PumpAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>While true, upgrades are answered 503, as by a server that is starting.</summary>
    public bool Refuse { get; set; }

    public int Count => _connections.Count;

    public int KeepAlives => Volatile.Read(ref _keepAlives);

    public void KeepAliveReceived() => Interlocked.Increment(ref _keepAlives);

    public int SessionsSent => Volatile.Read(ref _sessionsSent);

    public void SessionsMessageSent() => Interlocked.Increment(ref _sessionsSent);

    public void Add(SocketConnection connection) => _connections[connection] = 0;

    public void Remove(SocketConnection connection) => _connections.TryRemove(connection, out _);

    public async Task CloseAllAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in _connections.Keys)
        {
            try
            {
                await connection.CloseAsync(cancellationToken);
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
            {
                // Closed by the client meanwhile, or out of time: the socket is dropped with the server.
            }
        }
    }

    /// <summary>Sends one text frame as is to every socket (a test's garbage frame).</summary>
    public async Task BroadcastAsync(byte[] frame, CancellationToken cancellationToken)
    {
        foreach (var connection in _connections.Keys)
        {
            try
            {
                await connection.SendAsync(frame, cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                // Closed by the client meanwhile.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The simulator may be disposed twice (a test's using and its harness).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _changes.Writer.TryComplete();
        await _stop.CancelAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await CloseAllAsync(grace.Token);
        await _pump;
        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reader = _changes.Reader;
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                var byUser = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
                while (reader.TryRead(out var change))
                {
                    if (!byUser.TryGetValue(change.User, out var items))
                    {
                        byUser[change.User] = items = [];
                    }

                    if (!items.Contains(change.Item, StringComparer.OrdinalIgnoreCase))
                    {
                        items.Add(change.Item);
                    }
                }

                foreach (var (user, items) in byUser)
                {
                    await SendToAsync(user, items, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Simulator disposed.
        }
    }

    private async Task SendToAsync(string user, List<string> items, CancellationToken cancellationToken)
    {
        byte[]? message = null;
        foreach (var connection in _connections.Keys.Where(c => c.Sees(user)))
        {
            message ??= SocketMessages.UserDataChanged(_server, user, items);
            try
            {
                await connection.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException)
            {
                // That client is gone; the others still get it.
            }
        }
    }
}
