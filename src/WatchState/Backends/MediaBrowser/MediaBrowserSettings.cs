using WatchState.Configuration;

namespace WatchState.Backends.MediaBrowser;

/// <summary>The client options of a Jellyfin/Emby backend; a bad value is a <see cref="MediaBrowserException"/>.</summary>
internal static class MediaBrowserSettings
{
    public static ClientSettings From(BackendConfig config) =>
        ClientSettings.From(config, problem => new MediaBrowserException(config.Name, problem));
}
