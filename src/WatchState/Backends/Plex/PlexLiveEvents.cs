using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace WatchState.Backends.Plex;

/// <summary>
/// The server's <c>/:/websockets/notifications</c> stream: no Plex Pass needed, and it reports positions while a
/// player plays (webhooks only on play/pause/stop). The token goes in the <c>X-Plex-Token</c> header, never in the
/// URL, so no log line can carry it. A silent dead connection is noticed by pings: no pong within
/// <see cref="KeepAlive"/> fails the receive.
/// </summary>
/// <param name="token">The owner's token when the backend keeps one: a user's token may not hear other sessions.</param>
internal sealed partial class PlexLiveEvents(
    string backend, Uri serverUrl, string token, TimeSpan connectTimeout, Func<PlexLiveTranslator> newTranslator, ILogger logger)
{
    public const string Path = ":/websockets/notifications";

    /// <summary>A notification is a few hundred bytes; anything near this is not one and is skipped.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    public Uri Address { get; } = SocketAddress(serverUrl);

    public async IAsyncEnumerable<LiveEvent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(cancellationToken);
        yield return LiveEvent.Connected;

        var translator = newTranslator();
        var message = new ArrayBufferWriter<byte>(4096);
        var chunk = new byte[16 * 1024];
        while (true)
        {
            message.ResetWrittenCount();
            if (!await ReceiveAsync(socket, message, chunk, cancellationToken))
            {
                continue;
            }

            foreach (var live in await translator.HandleAsync(message.WrittenMemory, cancellationToken))
            {
                yield return live;
            }
        }
    }

    /// <summary>http(s)://host/base/ → ws(s)://host/base/:/websockets/notifications</summary>
    internal static Uri SocketAddress(Uri serverUrl)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        var builder = new UriBuilder(serverUrl)
        {
            Scheme = serverUrl.Scheme == Uri.UriSchemeHttps ? Uri.UriSchemeWss : Uri.UriSchemeWs,
            Query = "",
            Fragment = "",
        };
        builder.Path = builder.Path.TrimEnd('/') + "/" + Path;
        return builder.Uri;
    }

    private async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader(PlexAuthHandler.TokenHeader, token);
        socket.Options.SetRequestHeader("Accept", "application/json");
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = KeepAlive;
        socket.Options.KeepAliveTimeout = KeepAlive;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(Address, timeout.Token);
            return socket;
        }
        catch (WebSocketException e)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw Refused(status, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new PlexException(backend, $"live events: no answer from {Address} within {connectTimeout.TotalSeconds:0} s", null, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private PlexException Refused(HttpStatusCode status, WebSocketException e) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new PlexException(
            backend, $"live events: the server refused the token ({(int)status} {status}) at {Address}", (int)status, e),
        0 => new PlexException(backend, $"live events: cannot connect to {Address}: {Inner(e)}", null, e),
        _ => new PlexException(
            backend, $"live events: the server answered {(int)status} {status} instead of opening the web socket at {Address}", (int)status, e),
    };

    /// <summary>Reads one whole message into <paramref name="message"/>; false when it is to be skipped.</summary>
    /// <exception cref="PlexException">The connection closed or broke.</exception>
    private async Task<bool> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> message, byte[] chunk, CancellationToken cancellationToken)
    {
        var oversized = false;
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(chunk.AsMemory(), cancellationToken);
            }
            catch (WebSocketException e)
            {
                throw new PlexException(backend, $"live events: connection lost: {Inner(e)}", null, e);
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                var why = socket.CloseStatusDescription is { Length: > 0 } d ? $" ({socket.CloseStatus}: {d})" : $" ({socket.CloseStatus})";
                throw new PlexException(backend, "live events: the server closed the connection" + why);
            }

            if (!oversized && message.WrittenCount + result.Count <= MaxMessageBytes)
            {
                message.Write(chunk.AsSpan(0, result.Count));
            }
            else
            {
                oversized = true;
            }

            if (result.EndOfMessage)
            {
                if (oversized)
                {
                    LogOversized(logger, backend, MaxMessageBytes);
                }

                return !oversized && result.MessageType == WebSocketMessageType.Text;
            }
        }
    }

    private static string Inner(Exception e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;

    [LoggerMessage(Level = LogLevel.Warning, Message = "live events of {Backend}: skipped a message over {Max} bytes")]
    private static partial void LogOversized(ILogger logger, string backend, int max);
}
