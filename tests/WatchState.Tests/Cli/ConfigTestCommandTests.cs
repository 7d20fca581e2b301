using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

/// <summary>config:test against simulated servers, through the real client.</summary>
public class ConfigTestCommandTests
{
    private static Task<MediaBrowserSimulator> StartAsync(MediaBrowserFlavor flavor = MediaBrowserFlavor.Jellyfin) =>
        MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions
            {
                Flavor = flavor,
                Library = SimLibrary.Parse("movie \"The Matrix\" 1999 imdb=tt0133093\nshow \"Breaking Bad\" 2008 tvdb=81189\n  s01e01\n"),
            },
            TestContext.Current.CancellationToken);

    private static string Entry(string name, MediaBrowserSimulator sim, string? token = null, string? user = null, string? uuid = null) =>
        $"""
        {name}:
          type: {(sim.Flavor == MediaBrowserFlavor.Emby ? "emby" : "jellyfin")}
          url: {sim.BaseUrl}
          token: {token ?? sim.ApiKey}
          uuid: {uuid ?? sim.ServerId}
          user: {user ?? sim.AdminUserId}

        """;

    [Fact]
    public async Task Every_working_backend_passes_with_its_version_user_and_libraries()
    {
        await using var jellyfin = await StartAsync();
        await using var emby = await StartAsync(MediaBrowserFlavor.Emby);
        using var cli = new CliRunner();
        cli.Data.WriteServers(Entry("jf", jellyfin) + Entry("em", emby, user: emby.UserIdOf("alice")));

        var result = await cli.RunAsync("config:test", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var jf = json.RootElement[0];
        Assert.True(jf.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("admin", jf.GetProperty("user").GetString());
        Assert.Contains(jellyfin.Version, jf.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.True(jf.GetProperty("libraries").GetInt32() >= 2);
        Assert.True(jf.GetProperty("supportedLibraries").GetInt32() >= 2);
        var em = json.RootElement[1];
        Assert.True(em.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("alice", em.GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_failing_backend_is_reported_in_the_table_and_the_exit_code()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();
        cli.Data.WriteServers(Entry("good", sim) + Entry("bad_token", sim, token: "nope") + Entry("no_user", sim, user: "ghost"));

        var result = await cli.RunAsync("config:test");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Matches(@"^good\s+jellyfin\s+ok\s", lines.Single(l => l.StartsWith("good", StringComparison.Ordinal)));
        Assert.Matches(@"^bad_token\s+jellyfin\s+FAILED\s", lines.Single(l => l.StartsWith("bad_token", StringComparison.Ordinal)));
        Assert.Contains("user ghost is not visible on the server", lines.Single(l => l.StartsWith("no_user", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("2 of 3 backends failed the test\n", result.Error);
    }

    [Fact]
    public async Task A_server_whose_id_changed_fails()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();
        cli.Data.WriteServers(Entry("moved", sim, uuid: "00000000000000000000000000000000"));

        var result = await cli.RunAsync("config:test");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("this is another server", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_reach_stderr_only_with_verbose_and_never_show_the_token()
    {
        await using var sim = await StartAsync();
        using var cli = new CliRunner();
        cli.Data.WriteServers(Entry("jf", sim));

        var quiet = await cli.RunAsync("config:test");
        var verbose = await cli.RunAsync("config:test", "-v");

        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Error);
        Assert.Equal(0, verbose.ExitCode);
        Assert.Contains("dbug: ", verbose.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.ApiKey, verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plex_backend_passes_without_a_user_id_because_its_token_is_the_user()
    {
        await using var plex = await PlexSimulator.StartAsync(
            new PlexSimulatorOptions { Library = SimLibrary.Parse("movie \"The Matrix\" 1999 imdb=tt0133093\n") },
            TestContext.Current.CancellationToken);
        using var cli = new CliRunner();
        cli.Data.WriteServers($"""
            plex:
              type: plex
              url: {plex.BaseUrl}
              token: {plex.AdminToken}

            """);

        var result = await cli.RunAsync("config:test", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement[0].GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Contains("1.41.6", json.RootElement[0].GetProperty("version").GetString(), StringComparison.Ordinal);
    }
}
