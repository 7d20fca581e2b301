using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

/// <summary>The whole first-run story through the command line: add servers, import, list, re-import.</summary>
public class StateImportCommandTests
{
    private static Task<MediaBrowserSimulator> StartAsync(MediaBrowserFlavor flavor, string library) =>
        MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = flavor, Library = SimLibrary.Parse(library) },
            TestContext.Current.CancellationToken);

    private static async Task AddAsync(CliRunner cli, string name, string type, MediaBrowserSimulator sim)
    {
        var added = await cli.RunAsync("backend:add", "--name", name, "--type", type, "--url", sim.BaseUrl.ToString(), "--token", sim.ApiKey, "--user", sim.AdminUserId);
        Assert.True(added.ExitCode == 0, added.ToString());
    }

    [Fact]
    public async Task Import_from_jellyfin_and_emby_gives_one_item_per_movie_with_both_views_and_a_second_run_changes_nothing()
    {
        await using var jellyfin = await StartAsync(MediaBrowserFlavor.Jellyfin, """
            movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z
            show "Breaking Bad" 2008 tvdb=81189
              s01e01
            """);
        await using var emby = await StartAsync(MediaBrowserFlavor.Emby, """
            movie "The Matrix" 1999 imdb=tt0133093
            show "Breaking Bad" 2008 tvdb=81189
              s01e01 played=2024-03-01T10:00:00Z
            """);
        using var cli = new CliRunner();
        await AddAsync(cli, "jf", "jellyfin", jellyfin);
        await AddAsync(cli, "emby", "emby", emby);

        var first = await cli.RunAsync("state:import");
        var listed = await cli.RunAsync("history:list", "-o", "json");
        var second = await cli.RunAsync("state:import");
        var listedAgain = await cli.RunAsync("history:list", "-o", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches(@"(?m)^jf\s+2\s+0\s+0\s+0\s+0\s+0\s+ok$", first.Out);
        Assert.Matches(@"(?m)^emby\s+0\s+1\s+1\s+0\s+0\s+1\s+ok$", first.Out);
        using var json = JsonDocument.Parse(listed.Out);
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, items.Length);
        Assert.All(items, item =>
        {
            Assert.True(item.GetProperty("watched").GetBoolean());
            Assert.Equal(["emby", "jf"], item.GetProperty("backends").EnumerateObject().Select(p => p.Name).Order());
        });
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("jf: read full (first import)", first.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^jf\s+0\s+0\s+0\s+0\s+0\s+0\s+ok$", second.Out);
        Assert.Matches(@"(?m)^emby\s+0\s+0\s+0\s+0\s+0\s+0\s+ok$", second.Out);
        Assert.Matches(@"(?m)^jf: read incremental since \d{4}-\d\d-\d\d \d\d:\d\d$", second.Out);
        Assert.Equal(listed.Out, listedAgain.Out);
    }

    [Fact]
    public async Task A_failing_backend_exits_1_with_its_message_while_the_others_import()
    {
        await using var jellyfin = await StartAsync(MediaBrowserFlavor.Jellyfin, """movie "The Matrix" 1999 imdb=tt0133093""");
        using var cli = new CliRunner();
        await AddAsync(cli, "jf", "jellyfin", jellyfin);
        cli.Data.WriteServers(File.ReadAllText(Path.Combine(cli.Data.Root, "config", "servers.yaml")) + $"""

            broken:
              type: emby
              url: {jellyfin.BaseUrl}
              token: wrong-token
              user: {jellyfin.AdminUserId}

            """);

        var result = await cli.RunAsync("state:import");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("backend broken: token rejected (401)", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^jf\s+1\s+", result.Out);
        Assert.DoesNotContain("wrong-token", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Selecting_backends_imports_only_those_and_an_unknown_name_is_a_usage_error()
    {
        await using var jellyfin = await StartAsync(MediaBrowserFlavor.Jellyfin, """movie "The Matrix" 1999 imdb=tt0133093""");
        await using var emby = await StartAsync(MediaBrowserFlavor.Emby, """movie "Inception" 2010 tmdb=27205""");
        using var cli = new CliRunner();
        await AddAsync(cli, "jf", "jellyfin", jellyfin);
        await AddAsync(cli, "emby", "emby", emby);

        var unknown = await cli.RunAsync("state:import", "-s", "plex");
        var selected = await cli.RunAsync("state:import", "-s", "emby");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'plex'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, selected.ExitCode);
        Assert.DoesNotMatch(@"(?m)^jf\s", selected.Out);
        var listed = await cli.RunAsync("history:list", "-o", "json");
        Assert.Single(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_dry_run_keeps_nothing_and_skips_are_reported_with_their_reason()
    {
        await using var jellyfin = await StartAsync(MediaBrowserFlavor.Jellyfin, """
            movie "The Matrix" 1999 imdb=tt0133093
            movie "Home Video" 2020
            """);
        using var cli = new CliRunner();
        await AddAsync(cli, "jf", "jellyfin", jellyfin);

        var dry = await cli.RunAsync("state:import", "--dry-run");
        var listed = await cli.RunAsync("history:list", "-o", "json");

        Assert.Equal(0, dry.ExitCode);
        Assert.Matches(@"(?m)^jf\s+1\s+0\s+0\s+0\s+1\s+0\s+ok$", dry.Out);
        Assert.Contains("jf: 1 skipped: no external ids", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run", dry.Out, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task History_list_filters_and_history_show_explains_the_decisions()
    {
        await using var jellyfin = await StartAsync(MediaBrowserFlavor.Jellyfin, """
            movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z
            movie "Inception" 2010 tmdb=27205
            show "Breaking Bad" 2008 tvdb=81189
              s01e01 played=2024-02-01T20:00:00Z
            """);
        using var cli = new CliRunner();
        await AddAsync(cli, "jf", "jellyfin", jellyfin);
        await cli.RunAsync("state:import");

        var watchedMovies = await cli.RunAsync("history:list", "--watched", "--type", "movie", "-o", "json");
        var byTitle = await cli.RunAsync("history:list", "--title", "breaking");
        var both = await cli.RunAsync("history:list", "--watched", "--unwatched");
        var id = JsonDocument.Parse(watchedMovies.Out).RootElement[0].GetProperty("id").GetInt64();
        var shown = await cli.RunAsync("history:show", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var missing = await cli.RunAsync("history:show", "999999");

        var movie = Assert.Single(JsonDocument.Parse(watchedMovies.Out).RootElement.EnumerateArray());
        Assert.Equal("The Matrix", movie.GetProperty("title").GetString());
        Assert.Contains("Breaking Bad S01E01", byTitle.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Inception", byTitle.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("movie:imdb:tt0133093", shown.Out, StringComparison.Ordinal);
        Assert.Contains("applied", shown.Out, StringComparison.Ordinal);
        Assert.Contains(jellyfin.ItemIdOf("The Matrix"), shown.Out, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No item with id 999999", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_import_shows_a_progress_bar_per_library_then_the_summary_table()
    {
        await using var jellyfin = await StartAsync(MediaBrowserFlavor.Jellyfin, """
            movie "The Matrix" 1999 imdb=tt0133093
            show "Breaking Bad" 2008 tvdb=81189
              s01e01
            """);
        using var cli = new CliRunner();
        await AddAsync(cli, "jf", "jellyfin", jellyfin);
        cli.Terminal = true;

        var result = await cli.RunAsync("state:import");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("jf: Movies", result.Out, StringComparison.Ordinal);
        Assert.Contains("jf: Shows", result.Out, StringComparison.Ordinal);
        Assert.Contains("100%", result.Out, StringComparison.Ordinal);
        Assert.Contains("unchanged", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("importing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_a_terminal_import_logs_plain_progress_lines_on_stderr()
    {
        await using var jellyfin = await StartAsync(MediaBrowserFlavor.Jellyfin, """movie "The Matrix" 1999 imdb=tt0133093""");
        using var cli = new CliRunner();
        await AddAsync(cli, "jf", "jellyfin", jellyfin);

        var result = await cli.RunAsync("state:import");
        var forced = await cli.RunAsync("state:import", "--force-full");

        Assert.Contains("jf: reading full (first import)", result.Error, StringComparison.Ordinal);
        Assert.Contains("jf: reading full (forced)", forced.Error, StringComparison.Ordinal);
        Assert.Contains("jf: read full (forced)", forced.Out, StringComparison.Ordinal);
        Assert.Contains("jf: importing", result.Error, StringComparison.Ordinal);
        Assert.Contains("jf: Movies: 1/1", result.Error, StringComparison.Ordinal);
        Assert.Contains("jf: done", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }
}
