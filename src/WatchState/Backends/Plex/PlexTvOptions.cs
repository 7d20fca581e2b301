namespace WatchState.Backends.Plex;

/// <summary>Where plex.tv is (<c>WS_PLEXTV_URL</c>); tests and the Simulator stand in for it.</summary>
public sealed class PlexTvOptions
{
    public Uri BaseUrl { get; set; } = PlexTvApi.DefaultBaseUrl;
}
