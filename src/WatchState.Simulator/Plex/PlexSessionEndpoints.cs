using System.Collections.Concurrent;
using System.Globalization;

namespace WatchState.Simulator.Plex;

/// <summary>One fake playback: a user's player playing an item.</summary>
internal sealed record PlexSession(int SessionKey, string User, int RatingKey, long ViewOffset);

/// <summary>The playing sessions tests start and stop; the server itself never starts one.</summary>
internal sealed class PlexSessions
{
    private readonly ConcurrentDictionary<(string User, int RatingKey), PlexSession> _sessions = new();
    private int _nextKey = 40;

    public IReadOnlyList<PlexSession> All => [.. _sessions.Values.OrderBy(s => s.SessionKey)];

    public PlexSession Start(string user, int ratingKey, long viewOffset) =>
        _sessions[(user, ratingKey)] = new PlexSession(Interlocked.Increment(ref _nextKey), user, ratingKey, viewOffset);

    /// <summary>The session's new position; null when the user is not playing the item.</summary>
    public PlexSession? Move(string user, int ratingKey, long viewOffset)
    {
        while (_sessions.TryGetValue((user, ratingKey), out var old))
        {
            var moved = old with { ViewOffset = viewOffset };
            if (_sessions.TryUpdate((user, ratingKey), moved, old))
            {
                return moved;
            }
        }

        return null;
    }

    /// <summary>The session that ended; null when there was none.</summary>
    public PlexSession? Stop(string user, int ratingKey) => _sessions.TryRemove((user, ratingKey), out var session) ? session : null;
}

/// <summary>
/// <c>GET /status/sessions</c>: the owner's token lists everyone's playback with each session's <c>User</c>;
/// any other token only its own user's (assumed: PMS shows a shared user no one else's sessions).
/// </summary>
internal static class PlexSessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, PlexServer server) => app.MapGet("/status/sessions", ctx => List(ctx, server));

    private static async Task List(HttpContext ctx, PlexServer server)
    {
        var user = ctx.User();
        var owner = string.Equals(user, PlexServer.Admin, StringComparison.OrdinalIgnoreCase);
        var visible = server.Sessions.All
            .Where(s => owner || string.Equals(s.User, user, StringComparison.OrdinalIgnoreCase))
            .Select(s => (Session: s, Item: server.Catalog.Find(s.RatingKey)!))
            .ToList();
        var accounts = server.Accounts();
        await using var w = PlexBodyWriter.For(ctx, ctx.Request.WantsJson());
        w.Attr("size", visible.Count);
        if (visible.Count == 0)
        {
            return;
        }

        w.BeginList("Metadata");
        foreach (var (session, item) in visible)
        {
            var accountId = accounts.FirstOrDefault(a => string.Equals(a.Name, session.User, StringComparison.OrdinalIgnoreCase)).Id;
            Write(w, session, item, accountId);
        }

        w.EndList();
    }

    private static void Write(PlexBodyWriter w, PlexSession session, PlexItem item, long accountId)
    {
        var key = item.RatingKey.ToString(CultureInfo.InvariantCulture);
        var id = accountId.ToString(CultureInfo.InvariantCulture);
        w.BeginElement("Video");
        w.Attr("addedAt", item.AddedAt);
        w.Attr("duration", item.DurationMs);
        if (item.Kind == PlexKind.Episode)
        {
            w.Attr("grandparentRatingKey", item.Show!.RatingKey.ToString(CultureInfo.InvariantCulture));
            w.Attr("grandparentTitle", item.Show.Title);
            w.Attr("index", item.Index);
            w.Attr("parentIndex", item.ParentIndex);
        }

        w.Attr("guid", item.Guid);
        w.Attr("key", "/library/metadata/" + key);
        var section = PlexCatalog.Sections[item.SectionId - 1];
        w.Attr("librarySectionID", section.Id.ToString(CultureInfo.InvariantCulture));
        w.Attr("librarySectionKey", "/library/sections/" + section.Id.ToString(CultureInfo.InvariantCulture));
        w.Attr("librarySectionTitle", section.Title);
        w.Attr("ratingKey", key);
        w.Attr("sessionKey", session.SessionKey.ToString(CultureInfo.InvariantCulture));
        w.Attr("title", item.Title);
        w.Attr("type", item.Kind == PlexKind.Episode ? "episode" : "movie");
        w.Attr("viewOffset", session.ViewOffset);
        if (item.Year is { } year)
        {
            w.Attr("year", year);
        }

        w.BeginChild("User");
        w.Attr("id", id);
        w.Attr("thumb", $"https://plex.tv/users/{session.User.ToLowerInvariant()}/avatar");
        w.Attr("title", session.User);
        w.EndElement();
        w.BeginChild("Player");
        w.Attr("address", "127.0.0.1");
        w.Attr("machineIdentifier", "sim-player-" + session.SessionKey.ToString(CultureInfo.InvariantCulture));
        w.Attr("platform", "Simulator");
        w.Attr("product", "Plex Web");
        w.Attr("state", "playing");
        w.Attr("title", "Simulator");
        w.Attr("local", true);
        w.Attr("relayed", false);
        w.Attr("secure", true);
        w.Attr("userID", accountId);
        w.EndElement();
        w.BeginChild("Session");
        w.Attr("id", "sim-session-" + session.SessionKey.ToString(CultureInfo.InvariantCulture));
        w.Attr("bandwidth", 5000L);
        w.Attr("location", "lan");
        w.EndElement();
        w.EndElement();
    }
}
