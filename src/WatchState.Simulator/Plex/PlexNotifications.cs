using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace WatchState.Simulator.Plex;

/// <summary>
/// <c>GET /:/websockets/notifications</c>: the server's event stream, one JSON text frame per
/// <c>NotificationContainer</c>.
/// <para>
/// Known from real servers (client code and logs in python-plexapi's AlertListener, PlexKodiConnect, Tautulli):
/// the path; the token as <c>X-Plex-Token</c> (query or header); <c>type</c> <c>playing</c> with
/// <c>PlaySessionStateNotification[]</c> of <c>sessionKey</c> (a string), <c>clientIdentifier</c>, <c>guid</c>
/// (empty), <c>ratingKey</c> (a string), <c>url</c>, <c>key</c>, <c>viewOffset</c> (ms, a number),
/// <c>playQueueItemID</c> and <c>state</c> (playing, paused, stopped, buffering), sent about every second while a
/// player reports; <c>type</c> <c>timeline</c> with <c>TimelineEntry[]</c> whose <c>state</c> 5 means "the item
/// processed" (0 created … 9 deleted) for <c>identifier</c> com.plexapp.plugins.library; other types
/// (<c>activity</c>, <c>status</c>, <c>progress</c>, …) exist and clients ignore what they do not know.
/// </para>
/// <para>
/// Assumed: that marking an item played or unplayed produces a state-5 timeline entry for it (servers are
/// reported to, but no capture proves it, so WatchState's import remains the safety net); that a token other than the
/// owner's only hears its own user's sessions; the <c>activity</c> frame sent after each timeline; and that a
/// bad token is refused with 401 before the upgrade, as every other endpoint refuses it. <c>metadataState</c> is
/// left out of timeline entries: its value after a mark played is not known.
/// </para>
/// </summary>
internal sealed class PlexNotifications
{
    public const string Path = "/:/websockets/notifications";
    private const string LibraryIdentifier = "com.plexapp.plugins.library";

    private readonly ConcurrentDictionary<int, Listener> _listeners = new();
    private readonly PlexServer _server;
    private int _nextListener;
    private int _nextActivity;
    private volatile bool _refusing;

    public PlexNotifications(PlexServer server) => _server = server;

    public int Count => _listeners.Count;

    /// <summary>While true new connections are answered 503, as a restarting server would.</summary>
    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    public static void Map(IEndpointRouteBuilder app, PlexServer server) =>
        app.MapGet(Path, ctx => server.Notifications.AcceptAsync(ctx));

    /// <summary>Ends every open connection with a close frame, as a server going down does.</summary>
    public void CloseAll()
    {
        foreach (var (id, listener) in _listeners)
        {
            _listeners.TryRemove(id, out _);
            listener.Outbox.Writer.TryComplete();
        }
    }

    /// <summary>A <c>playing</c> notification about a session, heard by the owner and by the session's user.</summary>
    public void Playing(PlexSession session, string state)
    {
        var key = session.RatingKey.ToString(CultureInfo.InvariantCulture);
        var sessionKey = session.SessionKey.ToString(CultureInfo.InvariantCulture);
        var json = Frame("playing", "PlaySessionStateNotification", 1, w =>
        {
            w.WriteStartObject();
            w.WriteString("sessionKey", sessionKey);
            w.WriteString("clientIdentifier", "sim-player-" + sessionKey);
            w.WriteString("guid", "");
            w.WriteString("ratingKey", key);
            w.WriteString("url", "");
            w.WriteString("key", "/library/metadata/" + key);
            w.WriteNumber("viewOffset", session.ViewOffset);
            w.WriteNumber("playQueueItemID", session.SessionKey + 1000);
            w.WriteString("state", state);
            w.WriteEndObject();
        });
        Send(json, user => IsOwner(user) || string.Equals(user, session.User, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A <c>timeline</c> notification (state 5, processed) for the videos a mark played/unplayed changed.</summary>
    public void Changed(IEnumerable<PlexItem> items)
    {
        var videos = items.Where(i => i.IsVideo).ToList();
        if (videos.Count == 0)
        {
            return;
        }

        var json = Frame("timeline", "TimelineEntry", videos.Count, w =>
        {
            foreach (var item in videos)
            {
                w.WriteStartObject();
                w.WriteString("identifier", LibraryIdentifier);
                w.WriteString("sectionID", item.SectionId.ToString(CultureInfo.InvariantCulture));
                w.WriteString("itemID", item.RatingKey.ToString(CultureInfo.InvariantCulture));
                w.WriteNumber("type", item.Kind == PlexKind.Episode ? 4 : 1);
                w.WriteString("title", item.Title);
                w.WriteNumber("state", 5);
                w.WriteNumber("updatedAt", _server.Now);
                w.WriteEndObject();
            }
        });
        Send(json, _ => true);

        var activity = Frame("activity", "ActivityNotification", 1, w =>
        {
            w.WriteStartObject();
            w.WriteString("event", "ended");
            w.WriteString("uuid", "sim-activity-" + Interlocked.Increment(ref _nextActivity).ToString(CultureInfo.InvariantCulture));
            w.WriteStartObject("Activity");
            w.WriteString("type", "library.update.item.metadata");
            w.WriteString("title", "Updating metadata");
            w.WriteEndObject();
            w.WriteEndObject();
        });
        Send(activity, _ => true);
    }

    /// <summary>Any text, as is, to every connection: lets a test send what no real server would.</summary>
    public void SendRaw(string text) => Send(text, _ => true);

    private async Task AcceptAsync(HttpContext ctx)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            await PlexHttp.Html(ctx, StatusCodes.Status400BadRequest, PlexHttp.BadRequest);
            return;
        }

        if (Refusing)
        {
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // Listening before the upgrade answer: a client that saw its connection open hears everything after.
        var id = Interlocked.Increment(ref _nextListener);
        var listener = new Listener(ctx.User(), Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true }));
        _listeners[id] = listener;
        try
        {
            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            await PumpAsync(socket, listener, ctx.RequestAborted);
        }
        finally
        {
            _listeners.TryRemove(id, out _);
        }
    }

    private static async Task PumpAsync(WebSocket socket, Listener listener, CancellationToken aborted)
    {
        // Reading keeps ping/pong and the client's close frame flowing; the server never expects a message.
        var reading = DrainAsync(socket, listener, aborted);
        try
        {
            await foreach (var text in listener.Outbox.Reader.ReadAllAsync(aborted))
            {
                if (socket.State != WebSocketState.Open)
                {
                    break;
                }

                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, aborted);
            }

            // Closed by the server (restart), or answering the client's own close.
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                var status = socket.State == WebSocketState.Open ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure;
                await socket.CloseOutputAsync(status, status == WebSocketCloseStatus.NormalClosure ? "" : "server shutting down", aborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }

        await reading;
    }

    private static async Task DrainAsync(WebSocket socket, Listener listener, CancellationToken aborted)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    listener.Outbox.Writer.TryComplete();
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The connection ended either way.
        }
    }

    private void Send(string json, Func<string, bool> hears)
    {
        foreach (var listener in _listeners.Values)
        {
            if (hears(listener.User))
            {
                listener.Outbox.Writer.TryWrite(json);
            }
        }
    }

    private static bool IsOwner(string user) => string.Equals(user, PlexServer.Admin, StringComparison.OrdinalIgnoreCase);

    private static string Frame(string type, string list, int size, Action<Utf8JsonWriter> entries)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("NotificationContainer");
            w.WriteString("type", type);
            w.WriteNumber("size", size);
            w.WriteStartArray(list);
            entries(w);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed record Listener(string User, Channel<string> Outbox);
}
