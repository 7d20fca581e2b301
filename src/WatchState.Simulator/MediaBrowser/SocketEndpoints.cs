namespace WatchState.Simulator.MediaBrowser;

/// <summary>
/// The web socket: Jellyfin <c>/socket</c>, Emby <c>/embywebsocket</c> (also under <c>/emby</c>). The token comes
/// the way the HTTP API takes it or as <c>api_key</c> in the query; a bad one is 401 before the upgrade.
/// </summary>
internal static class SocketEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimServer s, SocketHub hub, TimeSpan keepAlive) =>
        app.Map(s.IsEmby ? "/embywebsocket" : "/socket", ctx => AcceptAsync(ctx, s, hub, keepAlive)).WithMetadata(new AnonymousEndpoint());

    private static async Task AcceptAsync(HttpContext ctx, SimServer s, SocketHub hub, TimeSpan keepAlive)
    {
        var principal = Authentication.Authenticate(ctx.Request, s) ?? FromQuery(ctx.Request, s);
        if (principal is null)
        {
            await Http.Status(ctx, StatusCodes.Status401Unauthorized);
            return;
        }

        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            await Http.Status(ctx, StatusCodes.Status400BadRequest);
            return;
        }

        if (hub.Refuse)
        {
            await Http.Status(ctx, StatusCodes.Status503ServiceUnavailable);
            return;
        }

        using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
        using var connection = new SocketConnection(socket, principal, s, hub);
        hub.Add(connection);
        try
        {
            await connection.RunAsync(keepAlive, ctx.RequestAborted);
        }
        finally
        {
            hub.Remove(connection);
        }
    }

    private static Principal? FromQuery(HttpRequest request, SimServer s)
    {
        var token = request.Query["api_key"].FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (token is null)
        {
            return null;
        }

        if (string.Equals(token, s.ApiKey, StringComparison.Ordinal))
        {
            return new Principal(null);
        }

        return s.UserOfToken(token) is { } user ? new Principal(user) : null;
    }
}
