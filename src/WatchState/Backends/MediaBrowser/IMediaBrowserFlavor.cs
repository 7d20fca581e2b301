namespace WatchState.Backends.MediaBrowser;

/// <summary>
/// What differs between Jellyfin and Emby. Everything else is shared, since both descend from one codebase.
/// </summary>
internal interface IMediaBrowserFlavor
{
    BackendType Type { get; }

    /// <summary>The product name to show when <c>/System/Info</c> leaves <c>ProductName</c> out (Emby does).</summary>
    string DefaultProductName { get; }

    /// <summary>Adds what this server kind's version means for sync (e.g. no resume positions on old Jellyfin).</summary>
    ServerInfo Assess(ServerInfo info);

    /// <summary>Formats the <c>DatePlayed</c> query value of <c>POST /Users/{uid}/PlayedItems/{id}</c>.</summary>
    string FormatDatePlayed(DateTimeOffset playedAt);

    /// <summary>
    /// True when a resume point is cleared with the legacy playback report (<c>PlayingItems/{id}/Progress</c>,
    /// what Emby accepts) rather than by posting the item's user data (Jellyfin).
    /// </summary>
    bool ClearsProgressByPlaybackReport { get; }

    /// <summary>The web socket's path below the server's base URL (Jellyfin <c>socket</c>, Emby <c>embywebsocket</c>).</summary>
    string SocketPath { get; }

    /// <summary>
    /// True when the web socket also wants the token as <c>api_key</c> in its query (Emby's clients send it there);
    /// Jellyfin takes the <c>Authorization</c> header, and from 12.0 no longer reads <c>api_key</c>.
    /// </summary>
    bool SocketTokenInQuery { get; }
}
