using System.Globalization;
using System.Text.Json;
using WatchState.Simulator;

namespace WatchState.Tests.Cli;

/// <summary>
/// The Plex story as a new user lives it: Jellyfin and Emby already added, then a Plex server added with the
/// owner's token, one import, and every movie and episode is one item with all three servers' views.
/// </summary>
public class ThreeServerImportTests
{
    private const string Library = """
        movie "The Matrix" 1999 imdb=tt0133093 tmdb=603
        movie "Inception" 2010 imdb=tt1375666 tmdb=27205
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 tvdb=349232
          s01e02
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Plex_items_merge_with_jellyfin_and_emby_items_whether_plex_uses_modern_or_legacy_agent_ids(bool legacyAgents)
    {
        await using var jellyfin = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Library = SimLibrary.Parse(Library + "\nmovie \"Heat\" 1995 imdb=tt0113277") }, Ct);
        await using var emby = await MediaBrowserSimulator.StartAsync(
            new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(Library) }, Ct);
        await using var plex = await PlexSimulator.StartAsync(
            new PlexSimulatorOptions { Library = SimLibrary.Parse(Library), LegacyAgents = legacyAgents }, Ct);
        await using var plexTv = await PlexTvSimulator.StartAsync(plex, cancellationToken: Ct);
        using var cli = new CliRunner { Environment = { ["WS_PLEXTV_URL"] = plexTv.BaseUrl.ToString() } };
        await AddAsync(cli, "jf", "jellyfin", jellyfin.BaseUrl, jellyfin.ApiKey);
        await AddAsync(cli, "emby", "emby", emby.BaseUrl, emby.ApiKey);
        jellyfin.MarkPlayed(jellyfin.AdminUserId, jellyfin.ItemIdOf("The Matrix"), new DateTimeOffset(2024, 1, 5, 18, 0, 0, TimeSpan.Zero));

        await AddAsync(cli, "plex", "plex", plex.BaseUrl, plex.AdminToken);
        plex.Scrobble("admin", plex.RatingKeyOf("Breaking Bad S01E02"));
        var imported = await cli.RunAsync("state:import");
        var listed = await cli.RunAsync("history:list", "-o", "json");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("library 'Music' (artist) skipped: only movie and show libraries are synced", imported.Out + imported.Error, StringComparison.Ordinal);
        var items = JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("title").GetString()!);
        Assert.Equal(["Breaking Bad S01E01", "Breaking Bad S01E02", "Heat", "Inception", "The Matrix"], items.Keys.Order());
        foreach (var title in new[] { "Breaking Bad S01E01", "Breaking Bad S01E02", "Inception", "The Matrix" })
        {
            Assert.Equal(["emby", "jf", "plex"], items[title].GetProperty("backends").EnumerateObject().Select(p => p.Name).Order());
        }

        Assert.True(items["The Matrix"].GetProperty("watched").GetBoolean());
        Assert.True(items["Breaking Bad S01E02"].GetProperty("watched").GetBoolean());
        Assert.False(items["Inception"].GetProperty("watched").GetBoolean());

        var id = items["The Matrix"].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var shown = await cli.RunAsync("history:show", id);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains(plex.RatingKeyOf("The Matrix"), shown.Out, StringComparison.Ordinal);
        Assert.Contains(jellyfin.ItemIdOf("The Matrix"), shown.Out, StringComparison.Ordinal);
        Assert.Contains(emby.ItemIdOf("The Matrix"), shown.Out, StringComparison.Ordinal);
    }

    private static async Task AddAsync(CliRunner cli, string name, string type, Uri url, string token)
    {
        var added = await cli.RunAsync("backend:add", "--name", name, "--type", type, "--url", url.ToString(), "--token", token);
        Assert.True(added.ExitCode == 0, added.ToString());
    }
}
