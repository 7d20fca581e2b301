using System.Globalization;
using WatchState.Backends.MediaBrowser;

namespace WatchState.Backends.Emby;

internal sealed class EmbyFlavor : IMediaBrowserFlavor
{
    public static EmbyFlavor Instance { get; } = new();

    public BackendType Type => BackendType.Emby;

    // Emby's /System/Info has no ProductName.
    public string DefaultProductName => "Emby Server";

    // Every supported Emby (4.x) stores resume positions the way we write them.
    public ServerInfo Assess(ServerInfo info) => info;

    // Emby documents DatePlayed as yyyyMMddHHmmss, read as UTC.
    public string FormatDatePlayed(DateTimeOffset playedAt) =>
        playedAt.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    // Emby resets a resume point through a stopped-at-zero playback report (BACKEND-APIS §4).
    public bool ClearsProgressByPlaybackReport => true;

    public string SocketPath => "embywebsocket";

    public bool SocketTokenInQuery => true;
}
