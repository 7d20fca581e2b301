using System.Text.Json;
using WatchState.Backends;
using WatchState.Backends.Emby;
using WatchState.Backends.Jellyfin;
using WatchState.Backends.MediaBrowser;
using WatchState.Configuration;

namespace WatchState.Tests.Backends.MediaBrowser;

public class MediaBrowserServerTests
{
    [Theory]
    [InlineData("10.8.13", false)]
    [InlineData("10.8", false)]
    [InlineData("10.9.0", true)]
    [InlineData("10.11.8", true)]
    [InlineData("12.0.0", true)]
    public void Jellyfin_before_10_9_does_not_sync_progress(string version, bool supported)
    {
        var info = JellyfinFlavor.Instance.Assess(new ServerInfo("id", "home", version, "Jellyfin Server"));

        Assert.Equal(supported, info.SupportsProgress);
        if (supported)
        {
            Assert.Null(info.Warning);
        }
        else
        {
            Assert.Equal($"Jellyfin {version} is older than 10.9: resume positions are not synced for this backend (watched state still is)", info.Warning);
        }
    }

    [Fact]
    public void Emby_4_syncs_progress()
    {
        var info = EmbyFlavor.Instance.Assess(new ServerInfo("id", "emby", "4.8.10.0", "Emby Server"));

        Assert.True(info.SupportsProgress);
        Assert.Null(info.Warning);
    }

    [Fact]
    public void Date_played_uses_each_servers_format()
    {
        var at = new DateTimeOffset(2024, 1, 5, 19, 21, 0, TimeSpan.FromHours(1));

        Assert.Equal("20240105182100", EmbyFlavor.Instance.FormatDatePlayed(at));
        Assert.Equal("2024-01-05T18:21:00Z", JellyfinFlavor.Instance.FormatDatePlayed(at));
    }

    [Theory]
    [InlineData("jellyfin/user-views.json")]
    [InlineData("emby/user-views.json")]
    public void Library_kinds_follow_the_collection_type(string fixture)
    {
        var views = JsonSerializer.Deserialize(Fixtures.Read(fixture), MediaBrowserJsonContext.Default.ItemsResultDto)!.Items!;

        var kinds = views.Select(MediaBrowserClient.KindOf).ToList();

        Assert.Equal([LibraryKind.Movies, LibraryKind.Shows, LibraryKind.Unsupported], kinds);
    }

    [Theory]
    [InlineData(null, "CollectionFolder", LibraryKind.Mixed)]
    [InlineData(null, "Folder", LibraryKind.Unsupported)]
    [InlineData("books", "CollectionFolder", LibraryKind.Unsupported)]
    [InlineData("photos", "CollectionFolder", LibraryKind.Unsupported)]
    [InlineData("TvShows", "CollectionFolder", LibraryKind.Shows)]
    public void Library_without_collection_type_is_mixed_only_when_a_collection_folder(string? collection, string type, LibraryKind expected) =>
        Assert.Equal(expected, MediaBrowserClient.KindOf(new ItemDto { Id = "1", Type = type, CollectionType = collection }));

    [Fact]
    public void Settings_default_when_options_are_absent()
    {
        var settings = MediaBrowserSettings.From(Config(new Dictionary<string, string>()));

        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
        Assert.Equal(1000, settings.PageSize);
        Assert.Equal(5, settings.MaxEpisodeRange);
    }

    [Fact]
    public void Settings_read_the_backends_options()
    {
        var settings = MediaBrowserSettings.From(Config(new Dictionary<string, string>
        {
            ["client.timeout"] = "2.5",
            ["LIBRARY_SEGMENT"] = "250",
            ["options.max_episode_range"] = "3",
        }));

        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.Timeout);
        Assert.Equal(250, settings.PageSize);
        Assert.Equal(3, settings.MaxEpisodeRange);
    }

    [Theory]
    [InlineData("client.timeout", "soon")]
    [InlineData("client.timeout", "0")]
    [InlineData("LIBRARY_SEGMENT", "-1")]
    [InlineData("MAX_EPISODE_RANGE", "1.5")]
    public void Bad_option_values_are_refused_naming_the_key(string key, string value)
    {
        var ex = Assert.Throws<MediaBrowserException>(() => MediaBrowserSettings.From(Config(new Dictionary<string, string> { [key] = value })));

        Assert.Equal("home", ex.Backend);
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorization_header_carries_the_token_and_client_details()
    {
        var identity = new MediaBrowserClientIdentity("WatchState", "box", "0123", "1.2.3");

        Assert.Equal(
            "MediaBrowser Token=\"abc\", Client=\"WatchState\", Device=\"box\", DeviceId=\"0123\", Version=\"1.2.3\"",
            identity.AuthorizationFor("abc"));
        Assert.DoesNotContain("\r", identity.AuthorizationFor("a\"b\r\nX-Evil: 1"), StringComparison.Ordinal);
        Assert.DoesNotContain("a\"b", identity.AuthorizationFor("a\"b"), StringComparison.Ordinal);
    }

    private static BackendConfig Config(Dictionary<string, string> options) => new()
    {
        Name = "home",
        Type = BackendType.Jellyfin,
        Url = new Uri("http://127.0.0.1:8096"),
        Token = "t",
        Options = options,
    };
}
