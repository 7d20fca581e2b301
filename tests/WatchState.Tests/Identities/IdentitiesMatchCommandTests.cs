using System.Text.Json;
using WatchState.Simulator;
using WatchState.Tests.Cli;

namespace WatchState.Tests.Identities;

public sealed class IdentitiesMatchCommandTests
{
    [Fact]
    public async Task ProposesIdentitiesFromBothServersUsersAndListsTheUnmatchedOne()
    {
        var ct = TestContext.Current.CancellationToken;
        // Both simulators have "admin" and "alice"; users with play state in the library are created too.
        await using var jellyfin = await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions
        {
            Flavor = MediaBrowserFlavor.Jellyfin,
            Library = SimLibrary.Parse("""movie "The Matrix" 1999 imdb=tt0133093 @bob:played @carol:played @erin:played"""),
        }, ct);
        await using var emby = await MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions
        {
            Flavor = MediaBrowserFlavor.Emby,
            Library = SimLibrary.Parse("""movie "The Matrix" 1999 imdb=tt0133093 @Bob:played @caz:played"""),
        }, ct);
        using var cli = new CliRunner();
        cli.Data.WriteServers($"""
            jf:
              type: jellyfin
              url: {jellyfin.BaseUrl}
              token: {jellyfin.ApiKey}
              user: {jellyfin.AdminUserId}
            emby:
              type: emby
              url: {emby.BaseUrl}
              token: {emby.ApiKey}
              user: {emby.AdminUserId}

            """);
        await File.WriteAllTextAsync(Path.Combine(cli.Data.Paths.ConfigDir, "mapper.yaml"), """
            version: "1.5"
            map:
              - jf: { name: carol, options: {} }
                emby: { name: caz, options: {} }
            """, ct);

        var json = await cli.RunAsync("identities:match", "-o", "json");
        var text = await cli.RunAsync("identities:match", "--dry-run");

        Assert.True(json.ExitCode == 0, json.ToString());
        var root = JsonDocument.Parse(json.Out).RootElement;
        var identities = root.GetProperty("identities").EnumerateArray()
            .ToDictionary(
                g => g.GetProperty("name").GetString()!,
                g => g.GetProperty("members").EnumerateArray().Select(m => $"{m.GetProperty("backend").GetString()}:{m.GetProperty("name").GetString()}:{m.GetProperty("reason").GetString()}").ToList());
        Assert.Equal(["jf:admin:same name", "emby:admin:same name"], identities["main"]);
        Assert.Equal(["jf:alice:same name", "emby:alice:same name"], identities["alice"]);
        Assert.Equal(["jf:bob:same name", "emby:Bob:same name"], identities["bob"]);
        Assert.Equal(["jf:carol:mapper.yaml", "emby:caz:mapper.yaml"], identities["carol"]);
        var unmatched = Assert.Single(root.GetProperty("unmatched").EnumerateArray());
        Assert.Equal("erin", unmatched.GetProperty("name").GetString());
        Assert.Equal("only on jf", unmatched.GetProperty("reason").GetString());

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("erin", text.Out, StringComparison.Ordinal);
        Assert.Contains("nothing was written", text.Out, StringComparison.Ordinal);
        Assert.Empty(jellyfin.Writes);
        Assert.Empty(emby.Writes);
    }

    [Fact]
    public async Task ABadMapperFileFailsWithItsLine()
    {
        using var cli = new CliRunner();
        cli.Data.WriteServers("{}\n");
        await File.WriteAllTextAsync(Path.Combine(cli.Data.Paths.ConfigDir, "mapper.yaml"), "map:\n  - jf:\n      nmae: bob\n", TestContext.Current.CancellationToken);

        var result = await cli.RunAsync("identities:match");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mapper.yaml line 3", result.Error, StringComparison.Ordinal);
    }
}
