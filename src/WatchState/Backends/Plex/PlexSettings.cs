using WatchState.Configuration;

namespace WatchState.Backends.Plex;

/// <summary>The client options of a Plex backend; a bad value is a <see cref="PlexException"/>.</summary>
internal static class PlexSettings
{
    public static ClientSettings From(BackendConfig config) =>
        ClientSettings.From(config, problem => new PlexException(config.Name, problem));
}
