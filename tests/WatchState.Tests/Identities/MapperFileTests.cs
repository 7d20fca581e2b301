using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Tests.Identities;

public sealed class MapperFileTests
{
    [Fact]
    public void ReadsWatchStatesFormatAndTheShortForm()
    {
        var mapping = MapperFile.Parse("""
            version: "1.5"
            map:
              - my_plex:
                  name: "mike_jones"
                  options: {}
                my_jellyfin:
                  name: "jones_mike"
              - my_emby: alice
                my_plex: Alice
            """);

        Assert.Equal(2, mapping.Groups.Count);
        Assert.Equal(3, mapping.Groups[0].Line);
        Assert.Equal([("my_plex", "mike_jones"), ("my_jellyfin", "jones_mike")], mapping.Groups[0].Users.Select(u => (u.Backend, u.Name)));
        Assert.Equal([("my_emby", "alice"), ("my_plex", "Alice")], mapping.Groups[1].Users.Select(u => (u.Backend, u.Name)));
    }

    [Fact]
    public void AnEmptyFileIsAnEmptyMapping() => Assert.Empty(MapperFile.Parse("").Groups);

    [Fact]
    public void AnUnknownKeyNamesItsLineAndKey()
    {
        var e = Assert.Throws<ConfigException>(() => MapperFile.Parse("map:\n  - jf:\n      nmae: bob\n"));

        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("jf.nmae", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMapThatIsNotAListNamesItsLine()
    {
        var e = Assert.Throws<ConfigException>(() => MapperFile.Parse("version: 1\nmap:\n  jf: bob\n"));

        Assert.StartsWith("mapper.yaml line 3:", e.Message, StringComparison.Ordinal);
        Assert.Contains("'map' must be a list", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenYamlNamesItsLine()
    {
        var e = Assert.Throws<ConfigException>(() => MapperFile.Parse("map:\n  - jf: { name: bob\n"));

        Assert.StartsWith("mapper.yaml line", e.Message, StringComparison.Ordinal);
    }
}
