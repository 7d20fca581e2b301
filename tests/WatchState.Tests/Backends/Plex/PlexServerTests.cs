using WatchState.Backends;
using WatchState.Backends.Plex;

namespace WatchState.Tests.Backends.Plex;

public class PlexServerTests
{
    private static ServerInfo Info(string version) => new("abc", "Plex Test", version, "Plex Media Server");

    [Theory]
    [InlineData("1.40.0.7998-c29d4c0c8")]
    [InlineData("1.41.6.9605")]
    [InlineData("1.40.0.0")]
    public void Versions_before_1_41_6_9606_get_the_continue_watching_warning(string version)
    {
        var info = PlexClient.Assess(Info(version));

        Assert.Equal(
            $"Plex {version} is older than 1.41.6.9606: items marked watched without prior progress do not show in continue watching",
            info.Warning);
    }

    [Theory]
    [InlineData("1.41.6.9606-abcdef123")]
    [InlineData("1.42.1.10060-4e8b05daf")]
    [InlineData("2.0.0.0")]
    [InlineData("")]
    public void Current_or_unreadable_versions_get_no_warning(string version)
    {
        Assert.Null(PlexClient.Assess(Info(version)).Warning);
    }

    [Theory]
    [InlineData("movie", LibraryKind.Movies)]
    [InlineData("show", LibraryKind.Shows)]
    [InlineData("artist", LibraryKind.Unsupported)]
    [InlineData("photo", LibraryKind.Unsupported)]
    [InlineData(null, LibraryKind.Unsupported)]
    public void Section_types_map_to_library_kinds(string? type, LibraryKind kind)
    {
        Assert.Equal(kind, PlexClient.KindOf(type));
    }
}
