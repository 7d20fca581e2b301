namespace WatchState.Simulator.Plex;

/// <summary><c>/:/scrobble</c>, <c>/:/unscrobble</c> and <c>/:/timeline</c>, acting for the token's user.</summary>
internal static class PlexPlayStateEndpoints
{
    private const string LibraryIdentifier = "com.plexapp.plugins.library";

    public static void Map(IEndpointRouteBuilder app, PlexServer server)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Put];
        app.MapMethods("/:/scrobble", methods, ctx => Change(ctx, server, server.Scrobble));
        app.MapMethods("/:/unscrobble", methods, ctx => Change(ctx, server, server.Unscrobble));
        app.MapMethods("/:/timeline", [HttpMethods.Post, HttpMethods.Get, HttpMethods.Put], ctx => Timeline(ctx, server));
    }

    private static Task Change(HttpContext ctx, PlexServer server, Action<string, PlexItem> change)
    {
        var query = ctx.Request.Query;
        if (query["identifier"] != LibraryIdentifier)
        {
            return PlexHttp.Html(ctx, StatusCodes.Status400BadRequest, PlexHttp.BadRequest);
        }

        if (server.Catalog.Find(query["key"].FirstOrDefault()) is not { } item)
        {
            return PlexHttp.Html(ctx, StatusCodes.Status404NotFound, PlexHttp.NotFound);
        }

        change(ctx.User(), item);
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }

    /// <summary>A player's timeline moves its session, which live listeners hear; stopped ends the session.</summary>
    private static void Report(PlexServer server, string user, PlexItem item, long time, string state)
    {
        var session = state == "stopped" ? server.Sessions.Stop(user, item.RatingKey) : server.Sessions.Move(user, item.RatingKey, time);
        if (session is not null)
        {
            server.Notifications.Playing(session with { ViewOffset = time }, state);
        }
    }

    private static async Task Timeline(HttpContext ctx, PlexServer server)
    {
        var request = ctx.Request;
        var key = request.Query["ratingKey"].FirstOrDefault();
        if (key is null)
        {
            await PlexHttp.Html(ctx, StatusCodes.Status400BadRequest, PlexHttp.BadRequest);
            return;
        }

        if (server.Catalog.Find(key) is not { IsVideo: true } item)
        {
            await PlexHttp.Html(ctx, StatusCodes.Status404NotFound, PlexHttp.NotFound);
            return;
        }

        // PMS silently ignores a timeline without duration or client identifier.
        var time = request.LongQuery("time");
        if (time is >= 0 && request.LongQuery("duration") is > 0 && !string.IsNullOrEmpty(request.PlexValue("X-Plex-Client-Identifier")))
        {
            server.SetProgress(ctx.User(), item, time.Value);
            Report(server, ctx.User(), item, time.Value, request.Query["state"].FirstOrDefault() ?? "playing");
        }

        await using var w = PlexBodyWriter.For(ctx, request.WantsJson());
        w.Attr("size", 0);
    }
}
