namespace WatchState.Backends;

public enum BackendType
{
    Plex,
    Jellyfin,
    Emby,
}
