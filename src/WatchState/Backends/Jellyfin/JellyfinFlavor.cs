using System.Globalization;
using WatchState.Backends.MediaBrowser;

namespace WatchState.Backends.Jellyfin;

internal sealed class JellyfinFlavor : IMediaBrowserFlavor
{
    /// <summary>The first Jellyfin whose user-data API lets us write resume positions reliably.</summary>
    private static readonly Version FirstWithProgress = new(10, 9);

    public static JellyfinFlavor Instance { get; } = new();

    public BackendType Type => BackendType.Jellyfin;

    public string DefaultProductName => "Jellyfin Server";

    public ServerInfo Assess(ServerInfo info)
    {
        if (!MediaBrowserVersion.TryParse(info.Version, out var version) || version >= FirstWithProgress)
        {
            return info;
        }

        return info with
        {
            SupportsProgress = false,
            Warning = $"Jellyfin {info.Version} is older than 10.9: resume positions are not synced for this backend (watched state still is)",
        };
    }

    // Jellyfin parses ISO-8601 with an offset; sending UTC explicitly avoids it guessing a time zone.
    public string FormatDatePlayed(DateTimeOffset playedAt) =>
        playedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Jellyfin takes a position of 0 in the user data like any other.
    public bool ClearsProgressByPlaybackReport => false;

    public string SocketPath => "socket";

    public bool SocketTokenInQuery => false;
}
