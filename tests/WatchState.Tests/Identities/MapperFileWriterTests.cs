using WatchState.Configuration;
using WatchState.Identities;

namespace WatchState.Tests.Identities;

public sealed class MapperFileWriterTests
{
    private static readonly MappedEntry[] Erin = [new("plex", "Erin"), new("emby", "erin_k")];

    [Fact]
    public void WithoutAFileItWritesVersionMapAndTheGroupInTheLongForm()
    {
        var text = MapperFileWriter.Append(null, Erin);

        Assert.Equal("version: \"1.5\"\nmap:\n  - plex:\n      name: \"Erin\"\n    emby:\n      name: \"erin_k\"\n", text);
        var group = Assert.Single(MapperFile.Parse(text).Groups);
        Assert.Equal([("plex", "Erin"), ("emby", "erin_k")], group.Users.Select(u => (u.Backend, u.Name)));
    }

    [Fact]
    public void AppendsAfterTheExistingGroupsKeepingTheirLinesAndComments()
    {
        const string existing = """
            # who is who
            version: "1.5"
            map:
                - jf: { name: carol, options: {} }
                  emby: caz   # Carol on Emby
            # the end of the list

            """;

        var text = MapperFileWriter.Append(existing, Erin);

        Assert.StartsWith("# who is who\nversion: \"1.5\"\nmap:\n    - jf: { name: carol, options: {} }\n      emby: caz   # Carol on Emby\n", text, StringComparison.Ordinal);
        Assert.Contains("    - plex:\n        name: \"Erin\"\n      emby:\n        name: \"erin_k\"\n", text, StringComparison.Ordinal);
        Assert.Contains("# the end of the list", text, StringComparison.Ordinal);
        var groups = MapperFile.Parse(text).Groups;
        Assert.Equal(2, groups.Count);
        Assert.Equal([("jf", "carol"), ("emby", "caz")], groups[0].Users.Select(u => (u.Backend, u.Name)));
        Assert.Equal([("plex", "Erin"), ("emby", "erin_k")], groups[1].Users.Select(u => (u.Backend, u.Name)));
    }

    [Fact]
    public void InsertsBeforeAKeyThatFollowsTheMapList()
    {
        var text = MapperFileWriter.Append("map:\n  - jf: carol\n    emby: caz\n\nversion: \"1.5\"\n", Erin);

        Assert.Equal("map:\n  - jf: carol\n    emby: caz\n  - plex:\n      name: \"Erin\"\n    emby:\n      name: \"erin_k\"\n\nversion: \"1.5\"\n", text);
        Assert.Equal(2, MapperFile.Parse(text).Groups.Count);
    }

    [Fact]
    public void AnEmptyMapGetsTheFirstGroup()
    {
        var text = MapperFileWriter.Append("version: \"1.5\"\nmap:\n", Erin);

        Assert.Single(MapperFile.Parse(text).Groups);
    }

    [Fact]
    public void NamesWithQuotesAndBackslashesReadBackUnchanged()
    {
        var text = MapperFileWriter.Append(null, [new("plex", "Dad \"The Boss\""), new("jf", @"dom\dad")]);

        Assert.Equal([@"Dad ""The Boss""", @"dom\dad"], MapperFile.Parse(text).Groups[0].Users.Select(u => u.Name));
    }

    [Fact]
    public void AFlowStyleMapIsRefusedRatherThanBroken()
    {
        var e = Assert.Throws<ConfigException>(() => MapperFileWriter.Append("map: [{jf: carol, emby: caz}]\n", Erin));

        Assert.Contains("by hand", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGroupNeedsTwoUsersOnDifferentBackends()
    {
        Assert.Throws<ConfigException>(() => MapperFileWriter.Append(null, [new("plex", "Erin")]));
        Assert.Throws<ConfigException>(() => MapperFileWriter.Append(null, [new("plex", "Erin"), new("plex", "erin2")]));
    }

    [Fact]
    public async Task TheFileIsWrittenWholeAndReadBackByTheMatcher()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("ws-mapper-");
        try
        {
            var path = Path.Combine(dir.FullName, "config", MapperFile.FileName);

            await MapperFileWriter.AppendAsync(path, "config/mapper.yaml", Erin, ct);
            await MapperFileWriter.AppendAsync(path, "config/mapper.yaml", [new("jf", "carol"), new("emby", "caz")], ct);

            var mapping = await MapperFile.LoadAsync(path, "config/mapper.yaml", ct);
            Assert.Equal(2, mapping.Groups.Count);
            Assert.Equal(["mapper.yaml"], Directory.EnumerateFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
