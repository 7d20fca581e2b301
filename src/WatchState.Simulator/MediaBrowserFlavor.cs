namespace WatchState.Simulator;

/// <summary>Which member of the MediaBrowser family a simulator imitates.</summary>
public enum MediaBrowserFlavor
{
    Jellyfin,
    Emby,
}
