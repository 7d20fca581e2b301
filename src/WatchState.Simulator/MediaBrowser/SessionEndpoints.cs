using System.Collections.Concurrent;
using System.Text.Json;

namespace WatchState.Simulator.MediaBrowser;

/// <summary>One fake playback: a user's client playing an item.</summary>
internal sealed record SimSession(string Id, string UserId, string ItemId, long PositionTicks, DateTime Started, bool IsPaused = false);

/// <summary>The playing sessions tests start and stop; the server itself never starts one.</summary>
internal sealed class SessionStore
{
    private readonly ConcurrentDictionary<string, SimSession> _sessions = new(StringComparer.Ordinal);

    public IReadOnlyList<SimSession> All => [.. _sessions.Values.OrderBy(s => s.Started).ThenBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>Raised after a session started, moved or stopped, for the web socket's <c>Sessions</c> messages.</summary>
    public event Action? Changed;

    public SimSession Start(string userId, string itemId, long positionTicks, DateTime now)
    {
        var session = new SimSession(IdOf(userId, itemId), userId, itemId, positionTicks, now);
        _sessions[session.Id] = session;
        Changed?.Invoke();
        return session;
    }

    /// <summary>A playing client reports a new position (or pauses); false when no such session plays.</summary>
    public bool Report(string userId, string itemId, long positionTicks, bool paused)
    {
        var id = IdOf(userId, itemId);
        while (_sessions.TryGetValue(id, out var current))
        {
            if (_sessions.TryUpdate(id, current with { PositionTicks = positionTicks, IsPaused = paused }, current))
            {
                Changed?.Invoke();
                return true;
            }
        }

        return false;
    }

    /// <summary>The session that stopped; null when none was playing.</summary>
    public SimSession? Stop(string userId, string itemId)
    {
        if (!_sessions.TryRemove(IdOf(userId, itemId), out var stopped))
        {
            return null;
        }

        Changed?.Invoke();
        return stopped;
    }

    private static string IdOf(string userId, string itemId) => IdAllocator.Hash($"{userId}/{itemId}", "session");
}

/// <summary><c>GET /Sessions</c>: an admin sees every session, a user only their own (as Jellyfin filters them).</summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimServer s) => app.MapGet("/Sessions", ctx => List(ctx, s));

    private static Task List(HttpContext ctx, SimServer s)
    {
        var visible = Visible(s, ctx.GetPrincipal());
        return Http.Json(ctx, w => WriteAll(w, s, visible));
    }

    public static IReadOnlyList<SimSession> Visible(SimServer s, Principal? principal) =>
        [.. s.Sessions.All.Where(x => principal is null || principal.IsAdmin
            || string.Equals(principal.User?.Id, x.UserId, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The SessionInfo array, as <c>GET /Sessions</c> and the web socket's <c>Sessions</c> message carry it.</summary>
    public static void WriteAll(Utf8JsonWriter w, SimServer s, IReadOnlyList<SimSession> sessions)
    {
        var catalog = s.Catalog;
        w.WriteStartArray();
        foreach (var session in sessions)
        {
            Write(w, s, session, s.FindUser(session.UserId), catalog.Find(session.ItemId));
        }

        w.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter w, SimServer s, SimSession session, SimUser? user, ServerItem? item)
    {
        w.WriteStartObject();
        w.WriteStartObject("PlayState"u8);
        w.WriteNumber("PositionTicks"u8, session.PositionTicks);
        w.WriteBoolean("CanSeek"u8, true);
        w.WriteBoolean("IsPaused"u8, session.IsPaused);
        w.WriteBoolean("IsMuted"u8, false);
        w.WriteString("MediaSourceId"u8, session.ItemId);
        w.WriteString("PlayMethod"u8, "DirectPlay");
        w.WriteString("RepeatMode"u8, "RepeatNone");
        w.WriteEndObject();
        JsonBits.WriteEmptyArray(w, "AdditionalUsers"u8);
        w.WriteString("RemoteEndPoint"u8, "127.0.0.1");
        w.WriteString("Id"u8, session.Id);
        if (s.IsEmby)
        {
            w.WriteString("ServerId"u8, s.ServerId);
        }

        w.WriteString("UserId"u8, session.UserId);
        w.WriteString("UserName"u8, user?.Name ?? string.Empty);
        w.WriteString("Client"u8, "Simulator Player");
        JsonBits.WriteDate(w, "LastActivityDate"u8, session.Started);
        w.WriteString("DeviceName"u8, "simulator");
        if (item is not null)
        {
            w.WriteStartObject("NowPlayingItem"u8);
            w.WriteString("Name"u8, item.Name);
            w.WriteString("ServerId"u8, s.ServerId);
            w.WriteString("Id"u8, item.Id);
            w.WriteNumber("RunTimeTicks"u8, item.RunTimeTicks);
            w.WriteBoolean("IsFolder"u8, false);
            w.WriteString("Type"u8, item.Kind.ToString());
            w.WriteString("MediaType"u8, "Video");
            w.WriteEndObject();
        }

        w.WriteString("DeviceId"u8, IdAllocator.Hash(session.Id, "device"));
        w.WriteString("ApplicationVersion"u8, s.Version);
        if (s.IsEmby)
        {
            w.WriteBoolean("SupportsRemoteControl"u8, true);
        }
        else
        {
            // Jellyfin writes the server id last and adds IsActive; Emby has neither there (fixtures */sessions.json).
            w.WriteBoolean("IsActive"u8, true);
            w.WriteString("ServerId"u8, s.ServerId);
        }

        w.WriteEndObject();
    }
}
