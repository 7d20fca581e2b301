using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WatchState.Domain;

namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// Jellyfin/Emby's web socket as an event stream for the listened-for users (one socket with the admin API key
/// sees them all): <c>UserDataChanged</c> re-reads the changed items as that user (an import-like observation, so
/// the listing rules apply) and <c>Sessions</c> gives positions while playing. Each event names its user.
/// </summary>
internal sealed partial class MediaBrowserLiveEvents(
    MediaBrowserLiveEvents.Target target,
    MediaBrowserClientIdentity identity,
    Func<string, IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyList<Observation>>> getItems,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>A frame larger than this is skipped: a <c>Sessions</c> message of a busy server is well below.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    private const long TicksPerMillisecond = 10_000;

    /// <summary>Sessions from now on, every 1.5 s, as the servers' own web client asks.</summary>
    private static readonly byte[] SessionsStart = """{"MessageType":"SessionsStart","Data":"0,1500"}"""u8.ToArray();
    private static readonly byte[] KeepAlive = """{"MessageType":"KeepAlive"}"""u8.ToArray();

    // Protocol pings find a connection that died without a close (a dropped network, a frozen server).
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Where and as whom to connect.</summary>
    internal sealed record Target(string Backend, Uri BaseUrl, string Token, string UserId, IMediaBrowserFlavor Flavor)
    {
        /// <summary>Every user whose events are wanted; <see cref="UserId"/> alone unless set.</summary>
        public IReadOnlyList<string> Users { get; init; } = [UserId];

        /// <summary>How long the web socket handshake may take (the backend's <c>client.timeout</c>).</summary>
        public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
    }

    /// <summary>Changed items to read again after a failed read; the client's own, so they outlive a reconnection.</summary>
    public MediaBrowserLiveRetries Retries { get; init; } = new();

    /// <summary>The socket's address; <paramref name="withToken"/> false for anything that may be shown or logged.</summary>
    internal Uri SocketUri(bool withToken)
    {
        var builder = new UriBuilder(target.BaseUrl)
        {
            Scheme = target.BaseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        builder.Path = builder.Path.TrimEnd('/') + "/" + target.Flavor.SocketPath;
        var query = "deviceId=" + Uri.EscapeDataString(identity.DeviceId);
        builder.Query = withToken && target.Flavor.SocketTokenInQuery ? $"api_key={Uri.EscapeDataString(target.Token)}&{query}" : query;
        return builder.Uri;
    }

    public async IAsyncEnumerable<LiveEvent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = PingInterval;
        socket.Options.KeepAliveTimeout = PingTimeout;
        socket.Options.SetRequestHeader("Authorization", identity.AuthorizationFor(target.Token));
        await ConnectAsync(socket, cancellationToken);
        yield return LiveEvent.Connected;

        using var gate = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepAlive = Task.CompletedTask;
        var frames = new FrameReader(socket, target.Backend, logger);
        var playback = target.Users.Distinct(StringComparer.Ordinal).ToDictionary(
            u => u, u => new PlaybackItems(new MediaBrowserPlaybackTracker(clock), (ids, ct) => getItems(u, ids, ct), clock), StringComparer.Ordinal);
        Task<ReadOnlyMemory<byte>?>? next = null;
        try
        {
            await SendAsync(socket, gate, SessionsStart, cancellationToken);
            while (true)
            {
                // The next frame is awaited alongside the reads waiting to be tried again; a frame is never dropped.
                next ??= frames.NextAsync(cancellationToken);
                if (await RetryDueAsync(next, cancellationToken))
                {
                    foreach (var pending in Retries.TakeDue(clock.GetUtcNow()))
                    {
                        if (await ReadChangedAsync(pending.UserId, pending.ItemIds, pending.Failed, cancellationToken) is { } retried)
                        {
                            yield return retried;
                        }
                    }

                    continue;
                }

                var frame = await next;
                next = null;
                if (frame is not { } message)
                {
                    break;
                }

                switch (LiveMessage.Parse(message.Span, target.Users))
                {
                    case LiveMessage.ForceKeepAlive k when keepAlive.IsCompleted:
                        keepAlive = KeepAliveLoopAsync(socket, gate, k.Period / 2, stop.Token);
                        break;
                    case LiveMessage.UserDataChanged { ItemIds.Count: > 0 } changed:
                        if (await ReadChangedAsync(changed.UserId, changed.ItemIds, 0, cancellationToken) is { } read)
                        {
                            yield return read;
                        }

                        break;
                    case LiveMessage.Sessions sessions:
                        foreach (var (user, tracked) in playback)
                        {
                            // Every user's tracker sees every message: one that stopped playing reports its last position.
                            var positions = await tracked.UpdateAsync(sessions.ByUser.GetValueOrDefault(user, []), cancellationToken);
                            if (positions.Count > 0)
                            {
                                yield return new LiveEvent("Sessions", positions) { UserId = user };
                            }
                        }

                        break;
                    case LiveMessage.Other { Type: "UserDataChanged" }:
                        LogOtherUser(logger, target.Backend);
                        break;
                    case LiveMessage.Garbage garbage:
                        LogGarbage(logger, target.Backend, garbage.Reason);
                        break;
                    default:
                        break;
                }
            }

            throw new MediaBrowserException(target.Backend, $"live events: the server closed the web socket ({frames.CloseReason})");
        }
        finally
        {
            await stop.CancelAsync();
            await keepAlive;

            // A receive left pending when the stream ended fails with the socket; nobody waits for it.
            _ = next?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Waits for <paramref name="next"/> or the next read to try again, whichever comes first; true when a read
    /// is due and no frame is ready.
    /// </summary>
    private async Task<bool> RetryDueAsync(Task<ReadOnlyMemory<byte>?> next, CancellationToken cancellationToken)
    {
        if (next.IsCompleted || Retries.NextDue is not { } due)
        {
            return false;
        }

        var wait = due - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(next, Task.Delay(wait, clock, timer.Token));
            await timer.CancelAsync();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return !next.IsCompleted;
    }

    /// <summary>
    /// Reads changed items as their user; a failed read is logged and scheduled to be read again (bounded, with
    /// backoff), so neither the change nor the connection is lost. Null when there is nothing to report.
    /// </summary>
    /// <param name="failed">Reads of these items that failed before this one.</param>
    private async Task<LiveEvent?> ReadChangedAsync(string userId, IReadOnlyList<string> itemIds, int failed, CancellationToken cancellationToken)
    {
        IReadOnlyList<Observation> items;
        try
        {
            items = await getItems(userId, itemIds, cancellationToken);
        }
        catch (Exception e) when (e is BackendException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is BackendException ? e.Message : "timed out";
            var attempt = failed + 1;
            if (Retries.Schedule(userId, itemIds, attempt, clock.GetUtcNow()) is { } wait)
            {
                LogReadFailed(logger, target.Backend, itemIds.Count, reason, wait.TotalSeconds, attempt, MediaBrowserLiveRetries.Delays.Count + 1);
            }
            else
            {
                LogReadGivenUp(logger, target.Backend, itemIds.Count, attempt, reason);
            }

            return null;
        }

        if (failed > 0)
        {
            LogReadRecovered(logger, target.Backend, itemIds.Count, failed + 1);
        }

        return items.Count > 0 ? new LiveEvent("UserDataChanged", items) { UserId = userId } : null;
    }

    private async Task ConnectAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var shown = SocketUri(withToken: false);

        // A server that takes the connection but never answers the upgrade must not hold the listener forever.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(SocketUri(withToken: true), timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaBrowserException(
                target.Backend,
                $"live events: no answer from {shown} within {target.ConnectTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s",
                null,
                e);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException)
        {
            var status = (int)socket.HttpStatusCode;
            var problem = status switch
            {
                401 or 403 => $"live events: the server refused the token (HTTP {status}) at {shown}",
                > 0 => $"live events: HTTP {status} instead of a web socket at {shown}",
                _ => $"live events: cannot open the web socket at {shown}: {e.Message}",
            };
            throw new MediaBrowserException(target.Backend, problem, status > 0 ? status : null, e);
        }
    }

    private async Task KeepAliveLoopAsync(ClientWebSocket socket, SemaphoreSlim gate, TimeSpan every, CancellationToken cancellationToken)
    {
        var period = every < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : every;
        try
        {
            while (true)
            {
                await Task.Delay(period, clock, cancellationToken);
                await SendAsync(socket, gate, KeepAlive, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or MediaBrowserException)
        {
            // The receive side sees the same drop and reports it.
        }
    }

    private async Task SendAsync(ClientWebSocket socket, SemaphoreSlim gate, byte[] message, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (WebSocketException e)
        {
            throw new MediaBrowserException(target.Backend, $"live events: the web socket dropped: {e.Message}", null, e);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Positions of the items this user plays, with the items' ids read once per playback.</summary>
    private sealed class PlaybackItems(
        MediaBrowserPlaybackTracker tracker,
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyList<Observation>>> getItems,
        TimeProvider clock)
    {
        private readonly Dictionary<string, IReadOnlyList<Observation>> _items = new(StringComparer.OrdinalIgnoreCase);

        public async Task<IReadOnlyList<Observation>> UpdateAsync(IReadOnlyList<PlayingNow> playing, CancellationToken cancellationToken)
        {
            var (report, gone) = tracker.Update(playing);
            var missing = report.Select(r => r.ItemId).Where(id => !_items.ContainsKey(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (missing.Count > 0)
            {
                var read = await getItems(missing, cancellationToken);
                foreach (var id in missing)
                {
                    _items[id] = [.. read.Where(o => string.Equals(o.RemoteId, id, StringComparison.OrdinalIgnoreCase))];
                }
            }

            var now = clock.GetUtcNow();
            var positions = report
                .SelectMany(r => _items[r.ItemId].Select(o => o with
                {
                    Kind = ObservationKind.Live,
                    Explicit = false,
                    ProgressMs = r.PositionTicks / TicksPerMillisecond,

                    // A position happens now; the item's last play date says nothing about it.
                    PlayedAt = o.Played ? o.PlayedAt : null,
                    ReceivedAt = now,
                }))
                .ToList();
            foreach (var id in gone)
            {
                _items.Remove(id);
            }

            return positions;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "live events of {Backend}: ignored a change of a user who belongs to no identity")]
    private static partial void LogOtherUser(ILogger logger, string backend);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "live events of {Backend}: could not read {Count} changed items ({Reason}); reading them again in {Seconds} s (attempt {Attempt} of {Attempts})")]
    private static partial void LogReadFailed(ILogger logger, string backend, int count, string reason, double seconds, int attempt, int attempts);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "live events of {Backend}: gave up reading {Count} changed items after {Attempts} attempts ({Reason}); the next import brings their changes")]
    private static partial void LogReadGivenUp(ILogger logger, string backend, int count, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "live events of {Backend}: read {Count} changed items on attempt {Attempt}")]
    private static partial void LogReadRecovered(ILogger logger, string backend, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "live events of {Backend}: skipped a web socket message: {Reason}")]
    private static partial void LogGarbage(ILogger logger, string backend, string reason);
}
