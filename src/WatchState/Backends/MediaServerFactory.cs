using Microsoft.Extensions.Options;
using WatchState.Backends.Emby;
using WatchState.Backends.Jellyfin;
using WatchState.Backends.MediaBrowser;
using WatchState.Backends.Plex;
using WatchState.Configuration;

namespace WatchState.Backends;

/// <summary>Builds the client for a configured backend, each on the shared resilient HTTP pipeline.</summary>
internal sealed class MediaServerFactory(
    IHttpClientFactory httpClients,
    IOptions<PlexTvOptions> plexTv,
    MediaBrowserClientIdentity identity,
    TimeProvider time,
    ILoggerFactory loggers) : IMediaServerFactory
{
    public IMediaServer Create(BackendConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Type == BackendType.Plex)
        {
            return new PlexClient(
                config,
                PlexSettings.From(config),
                new PlexHttp(
                    httpClients.CreateClient(PlexApi.HttpClientName),
                    httpClients.CreateClient(PlexTvApi.HttpClientName),
                    plexTv.Value.BaseUrl),
                time,
                loggers.CreateLogger<PlexClient>());
        }

        IMediaBrowserFlavor flavor = config.Type switch
        {
            BackendType.Jellyfin => JellyfinFlavor.Instance,
            BackendType.Emby => EmbyFlavor.Instance,
            _ => throw new BackendException(config.Name, $"{config.Type} backends are not supported yet"),
        };

        var settings = MediaBrowserSettings.From(config);
        return new MediaBrowserClient(
            config,
            flavor,
            settings,
            httpClients.CreateClient(MediaBrowserApi.HttpClientName),
            time,
            identity,
            loggers.CreateLogger<MediaBrowserClient>());
    }
}
