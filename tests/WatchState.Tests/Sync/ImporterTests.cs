using WatchState.Backends;
using WatchState.Simulator;
using WatchState.Sync;

namespace WatchState.Tests.Sync;

public class ImporterTests
{
    private const string MatrixPlayedOnJellyfin = """
        movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z
        movie "Inception" 2010 tmdb=27205
        show "Breaking Bad" 2008 tvdb=81189
          s01e01 played=2024-02-01T20:00:00Z
          s01e02
        """;

    private static Task<MediaBrowserSimulator> Jellyfin(string library, string? version = null) =>
        MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions { Library = SimLibrary.Parse(library), Version = version }, TestContext.Current.CancellationToken);

    private static Task<MediaBrowserSimulator> Emby(string library) =>
        MediaBrowserSimulator.StartAsync(new MediaBrowserSimulatorOptions { Flavor = MediaBrowserFlavor.Emby, Library = SimLibrary.Parse(library) }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_same_movie_and_episode_from_jellyfin_and_emby_become_one_item_each_with_both_views()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var emby = await Emby("""
            movie "The Matrix" 1999 imdb=tt0133093
            show "Breaking Bad" 2008 tvdb=81189
              s01e02 played=2024-03-01T10:00:00Z
            """);
        await using var harness = new ImportHarness();

        var results = await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin), ImportHarness.Backend("emby", emby, BackendType.Emby));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var matrix = await harness.ItemAsync("The Matrix");
        Assert.True(matrix.Item.Watched);
        Assert.Equal(["emby", "jf"], matrix.Views.Select(v => v.Backend).Order());
        var episode = await harness.ItemAsync("Breaking Bad S01E02");
        Assert.True(episode.Item.Watched, "played on Emby, so watched");
        Assert.Equal(["emby", "jf"], episode.Views.Select(v => v.Backend).Order());
        Assert.Equal(4, (await harness.ItemsAsync()).Count);
    }

    [Fact]
    public async Task Importing_everything_again_changes_nothing_and_writes_nothing_but_the_cursors()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var harness = new ImportHarness();
        var backend = ImportHarness.Backend("jf", jellyfin);
        await harness.ImportAsync(backend);
        var before = await harness.FingerprintAsync(withCursors: false);

        var second = Assert.Single(await harness.ImportAsync(new ImportRequest([backend]) { ForceFull = true }));

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(4, second.Counts.Unchanged);
        Assert.Equal(0, second.Counts.Added + second.Counts.Updated + second.Counts.Matched);
        Assert.Equal(before, await harness.FingerprintAsync(withCursors: false));
    }

    [Fact]
    public async Task A_new_backend_on_which_nothing_is_watched_never_unwatches_anything()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var emby = await Emby("""
            movie "The Matrix" 1999 imdb=tt0133093
            show "Breaking Bad" 2008 tvdb=81189
              s01e01
            """);
        await using var harness = new ImportHarness();
        await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin));

        await harness.ImportAsync(ImportHarness.Backend("emby", emby, BackendType.Emby));

        Assert.True((await harness.ItemAsync("The Matrix")).Item.Watched);
        Assert.True((await harness.ItemAsync("Breaking Bad S01E01")).Item.Watched);
    }

    [Fact]
    public async Task A_file_replaced_with_a_new_id_and_added_date_keeps_its_watched_state()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var harness = new ImportHarness();
        var backend = ImportHarness.Backend("jf", jellyfin);
        await harness.ImportAsync(backend);

        jellyfin.Rescan(jellyfin.ItemIdOf("The Matrix"), newId: true);
        var result = Assert.Single(await harness.ImportAsync(backend));

        Assert.True(result.Succeeded, result.Error);
        var matrix = await harness.ItemAsync("The Matrix");
        Assert.True(matrix.Item.Watched);
        Assert.Equal(2, matrix.Views.Count);
    }

    [Fact]
    public async Task A_rescan_that_changes_the_added_date_does_not_unwatch()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var harness = new ImportHarness();
        var backend = ImportHarness.Backend("jf", jellyfin);
        await harness.ImportAsync(backend);
        var matrixId = jellyfin.ItemIdOf("The Matrix");
        jellyfin.MarkUnplayed(jellyfin.AdminUserId, matrixId);
        jellyfin.Rescan(matrixId, newId: false);

        await harness.ImportAsync(backend);

        Assert.True((await harness.ItemAsync("The Matrix")).Item.Watched);
    }

    [Fact]
    public async Task Unplayed_on_the_same_backend_with_the_same_added_date_is_proof_and_unwatches()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var harness = new ImportHarness();
        var backend = ImportHarness.Backend("jf", jellyfin);
        await harness.ImportAsync(backend);

        jellyfin.MarkUnplayed(jellyfin.AdminUserId, jellyfin.ItemIdOf("The Matrix"));

        // Jellyfin dates no unwatch, so only a full read sees it (see IncrementalImportTests).
        var result = Assert.Single(await harness.ImportAsync(new ImportRequest([backend]) { ForceFull = true }));

        Assert.Equal(1, result.Counts.Updated);
        Assert.False((await harness.ItemAsync("The Matrix")).Item.Watched);
    }

    [Fact]
    public async Task An_item_without_external_ids_is_reported_and_never_matched_by_title()
    {
        await using var jellyfin = await Jellyfin("""
            movie "Home Video" 2020
            movie "The Matrix" 1999 imdb=tt0133093
            """);
        await using var emby = await Emby("""
            movie "Home Video" 2020
            """);
        await using var harness = new ImportHarness();

        var results = await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin), ImportHarness.Backend("emby", emby, BackendType.Emby));

        Assert.All(results, r => Assert.Equal(1, r.Counts.Skipped.GetValueOrDefault("no external ids")));
        Assert.DoesNotContain(await harness.ItemsAsync(), i => i.Item.Title == "Home Video");
    }

    [Fact]
    public async Task A_rejected_token_fails_that_backend_only_and_keeps_its_cursor()
    {
        await using var good = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var bad = await Emby("""movie "Inception" 2010 tmdb=27205 played=2024-01-01T00:00:00Z""");
        await using var harness = new ImportHarness();
        var badBackend = ImportHarness.Backend("emby", bad, BackendType.Emby) with { Token = "wrong" };

        var results = await harness.ImportAsync(badBackend, ImportHarness.Backend("jf", good));

        Assert.Equal("backend emby: token rejected (401)", results[0].Error);
        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.Null(await harness.CursorAsync("emby"));
        Assert.NotNull(await harness.CursorAsync("jf"));
        Assert.False((await harness.ItemAsync("Inception")).Item.Watched);
    }

    [Fact]
    public async Task A_server_that_is_down_fails_clearly_while_the_others_import()
    {
        await using var down = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var emby = await Emby("""movie "Inception" 2010 tmdb=27205""");
        down.Faults.Down = true;
        await using var harness = new ImportHarness();

        var results = await harness.ImportAsync(ImportHarness.Backend("jf", down), ImportHarness.Backend("emby", emby, BackendType.Emby));

        Assert.StartsWith("backend jf: ", results[0].Error, StringComparison.Ordinal);
        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.Null(await harness.CursorAsync("jf"));
        Assert.Single(await harness.ItemsAsync());
    }

    [Fact]
    public async Task Garbage_from_a_server_fails_clearly_and_writes_nothing()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var harness = new ImportHarness();
        var before = await harness.FingerprintAsync();
        jellyfin.Faults.Garbage = true;

        var result = Assert.Single(await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin)));

        Assert.StartsWith("backend jf: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("JSON", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await harness.FingerprintAsync());
    }

    [Fact]
    public async Task A_dry_run_reports_what_it_would_do_and_keeps_nothing()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var harness = new ImportHarness();
        var before = await harness.FingerprintAsync();

        var result = Assert.Single(await harness.ImportAsync(new ImportRequest([ImportHarness.Backend("jf", jellyfin)]) { DryRun = true }));

        Assert.Equal(4, result.Counts.Added);
        Assert.Equal(before, await harness.FingerprintAsync());
    }

    [Fact]
    public async Task A_metadata_only_backend_creates_nothing_and_changes_no_play_state()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var emby = await Emby("""movie "The Matrix" 1999 imdb=tt0133093""");
        await using var harness = new ImportHarness();
        await harness.ImportAsync(ImportHarness.Backend("emby", emby, BackendType.Emby));
        Assert.False((await harness.ItemAsync("The Matrix")).Item.Watched);

        await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin, importEnabled: false));

        var items = await harness.ItemsAsync();
        var matrix = Assert.Single(items);
        Assert.False(matrix.Item.Watched);
        Assert.Contains(matrix.Views, v => v.Backend == "jf");
    }

    [Fact]
    public async Task Played_without_a_date_does_not_beat_a_newer_unwatch_unless_the_fix_is_on()
    {
        await using var emby = await Emby("""movie "Old Thing" 1950 imdb=tt0000001 played=2023-01-01T00:00:00Z added=2020-01-01T00:00:00Z""");
        await using var jellyfin = await Jellyfin("""movie "Old Thing" 1950 imdb=tt0000001 played added=2019-01-01T00:00:00Z""");
        var embyBackend = ImportHarness.Backend("emby", emby, BackendType.Emby);
        await using var harness = new ImportHarness();
        await using var fixedHarness = new ImportHarness();
        foreach (var h in new[] { harness, fixedHarness })
        {
            await h.ImportAsync(embyBackend);
        }

        // Unwatched on Emby with the same added date: proof, so the item is unwatched as of now.
        emby.MarkUnplayed(emby.AdminUserId, emby.ItemIdOf("Old Thing"));
        foreach (var h in new[] { harness, fixedHarness })
        {
            await h.ImportAsync(embyBackend);
            Assert.False((await h.ItemAsync("Old Thing")).Item.Watched);
        }

        await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin));
        await fixedHarness.ImportAsync(new ImportRequest([ImportHarness.Backend("jf", jellyfin)]) { JellyfinFixPlayed = true });

        Assert.False((await harness.ItemAsync("Old Thing")).Item.Watched, "a dateless play counts as of its added date (2019)");
        Assert.True((await fixedHarness.ItemAsync("Old Thing")).Item.Watched, "with the fix it counts as played now");
    }

    [Fact]
    public async Task An_old_jellyfin_imports_watched_state_but_not_resume_points_and_says_why()
    {
        await using var jellyfin = await Jellyfin("""movie "Inception" 2010 tmdb=27205 progress=45m""", version: "10.8.13");
        await using var harness = new ImportHarness();

        var result = Assert.Single(await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin)));

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(result.Warnings, w => w.Contains("10.9", StringComparison.Ordinal));
        Assert.Equal(0, (await harness.ItemAsync("Inception")).Item.ProgressMs);
    }

    [Fact]
    public async Task Resume_positions_are_imported_in_milliseconds()
    {
        await using var jellyfin = await Jellyfin("""movie "Inception" 2010 tmdb=27205 progress=45m""");
        await using var harness = new ImportHarness();

        await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin));

        Assert.Equal(45 * 60 * 1000, (await harness.ItemAsync("Inception")).Item.ProgressMs);
    }

    [Fact]
    public async Task Every_decision_is_in_the_item_history_with_its_reason()
    {
        await using var jellyfin = await Jellyfin(MatrixPlayedOnJellyfin);
        await using var harness = new ImportHarness();
        var backend = ImportHarness.Backend("jf", jellyfin);
        await harness.ImportAsync(backend);
        jellyfin.Rescan(jellyfin.ItemIdOf("The Matrix"), newId: false);
        jellyfin.MarkUnplayed(jellyfin.AdminUserId, jellyfin.ItemIdOf("The Matrix"));
        await harness.ImportAsync(backend);

        var matrix = await harness.ItemAsync("The Matrix");
        var details = await harness.History.ShowAsync(matrix.Item.Id, "main", TestContext.Current.CancellationToken);

        Assert.NotNull(details);
        Assert.Contains("movie:imdb:tt0133093", details.Keys);
        Assert.Contains(details.History, h => h.Applied && h.Field == "item");
        Assert.Contains(details.History, h => !h.Applied && h.Field == "watched" && h.Reason.Length > 0);
    }

    [Fact]
    public async Task Two_copies_of_one_movie_in_the_same_page_become_one_item_that_takes_the_newer_play()
    {
        await using var jellyfin = await Jellyfin("""
            movie "Dup" 2000 imdb=tt0000009
            movie "Dup" 2000 imdb=tt0000009 played=2024-01-01T00:00:00Z
            """);
        await using var harness = new ImportHarness();

        var result = Assert.Single(await harness.ImportAsync(ImportHarness.Backend("jf", jellyfin)));

        Assert.True(result.Succeeded, result.Error);
        var dup = await harness.ItemAsync("Dup");
        Assert.True(dup.Item.Watched);
        Assert.Equal(2, dup.Views.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Plex_and_jellyfin_items_merge_whether_plex_uses_modern_or_legacy_agent_ids(bool legacyAgents)
    {
        const string library = """
            movie "The Matrix" 1999 imdb=tt0133093 tmdb=603
            show "Breaking Bad" 2008 tvdb=81189
              s01e01 tvdb=349232
              s01e02
            """;
        await using var plex = await PlexSimulator.StartAsync(
            new PlexSimulatorOptions { Library = SimLibrary.Parse(library), LegacyAgents = legacyAgents },
            TestContext.Current.CancellationToken);
        plex.Scrobble("admin", plex.RatingKeyOf("Breaking Bad S01E01"));
        await using var jellyfin = await Jellyfin("""
            movie "The Matrix" 1999 imdb=tt0133093 played=2024-01-05T18:21:00Z
            show "Breaking Bad" 2008 tvdb=81189
              s01e01
              s01e02
            """);
        await using var harness = new ImportHarness();
        var plexBackend = new WatchState.Configuration.BackendConfig
        {
            Name = "plex",
            Type = BackendType.Plex,
            Url = plex.BaseUrl,
            Token = plex.AdminToken,
            Options = new Dictionary<string, string> { ["client.timeout"] = "5" },
        };

        var results = await harness.ImportAsync(plexBackend, ImportHarness.Backend("jf", jellyfin));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(3, (await harness.ItemsAsync()).Count);
        var matrix = await harness.ItemAsync("The Matrix");
        Assert.True(matrix.Item.Watched);
        Assert.Equal(["jf", "plex"], matrix.Views.Select(v => v.Backend).Order());
        var pilot = await harness.ItemAsync("Breaking Bad S01E01");
        Assert.True(pilot.Item.Watched, "scrobbled on Plex");
        Assert.Equal(["jf", "plex"], pilot.Views.Select(v => v.Backend).Order());
        Assert.Equal(["jf", "plex"], (await harness.ItemAsync("Breaking Bad S01E02")).Views.Select(v => v.Backend).Order());
    }
}
