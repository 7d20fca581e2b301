using Microsoft.Extensions.Logging.Abstractions;
using WatchState.Backends.Emby;
using WatchState.Backends.Jellyfin;
using WatchState.Backends.MediaBrowser;

namespace WatchState.Tests.Backends.MediaBrowser;

public sealed class MediaBrowserSocketUriTests
{
    private static readonly MediaBrowserClientIdentity Identity = new("WatchState", "box", "dev1", "1.0");

    [Fact]
    public void Https_with_a_base_path_becomes_wss_under_that_path()
    {
        var uri = Events(new Uri("https://media.example:8920/jellyfin/"), JellyfinFlavor.Instance).SocketUri(withToken: true);

        Assert.Equal("wss://media.example:8920/jellyfin/socket?deviceId=dev1", uri.ToString());
    }

    [Fact]
    public void Emby_carries_the_token_in_the_query_only_where_it_is_sent_never_where_it_is_shown()
    {
        var events = Events(new Uri("http://127.0.0.1:8096"), EmbyFlavor.Instance);

        Assert.Equal("ws://127.0.0.1:8096/embywebsocket?api_key=t%26k&deviceId=dev1", events.SocketUri(withToken: true).ToString());
        Assert.DoesNotContain("api_key", events.SocketUri(withToken: false).ToString(), StringComparison.Ordinal);
    }

    private static MediaBrowserLiveEvents Events(Uri url, IMediaBrowserFlavor flavor) => new(
        new MediaBrowserLiveEvents.Target("home", url, "t&k", "user", flavor),
        Identity,
        (_, _, _) => Task.FromResult<IReadOnlyList<WatchState.Domain.Observation>>([]),
        TimeProvider.System,
        NullLogger.Instance);
}
